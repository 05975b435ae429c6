package dev.canary4j.runner;

import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Wraps every remote call in a retry (transient failures only, exponential backoff), a circuit
 * breaker per adapter, and a time limit per attempt. Thread-safe.
 *
 * <p>The layers nest as retry(circuit breaker(time limit(call))): a timed-out attempt counts as a
 * transient failure in the circuit, and an open circuit is not retried within the same call since
 * it will stay open for longer than any backoff. Permanent failures are neither retried nor counted
 * against the circuit: a rejected query says nothing about the remote's health. Backoff waits happen
 * inside the call on the calling worker thread; between ticks no thread is held.
 */
final class RemoteCalls {

  private final CallPolicy policy;
  private final ExecutorService executor;
  private final Retry retry;
  private final CircuitBreakerConfig circuitConfig;
  private final TimeLimiter timeLimiter;
  private final Map<String, CircuitBreaker> circuits = new ConcurrentHashMap<>();
  private final Clock clock;
  private final EventPublisher events;
  // The canary whose driver runs on this thread: every call happens inside one driver's entry point,
  // which names its canary first, so attempts are reported for the canary they were made for.
  private final ThreadLocal<String> canary = ThreadLocal.withInitial(() -> "");

  RemoteCalls(CallPolicy policy, ExecutorService executor, Clock clock) {
    this(policy, executor, clock, new EventPublisher());
  }

  RemoteCalls(CallPolicy policy, ExecutorService executor, Clock clock, EventPublisher events) {
    this.policy = policy;
    this.executor = executor;
    this.clock = clock;
    this.events = events;
    this.retry = Retry.of("canary4j", RetryConfig.custom()
        .maxAttempts(policy.maxAttempts())
        .intervalFunction(attempt -> backoffMillis(policy, attempt))
        .retryOnException(e -> e instanceof TransientAdapterException && !(e instanceof CircuitOpenException))
        .build());
    this.circuitConfig = CircuitBreakerConfig.custom()
        .failureRateThreshold(policy.failureRateThreshold())
        .minimumNumberOfCalls(policy.minimumCalls())
        .slidingWindowSize(Math.max(policy.minimumCalls(), 10))
        .waitDurationInOpenState(policy.openDuration())
        .recordException(e -> e instanceof TransientAdapterException)
        // Otherwise resilience4j counts a permanent failure as a success, which would dilute the rate.
        .ignoreException(e -> !(e instanceof TransientAdapterException))
        .clock(clock)
        .build();
    this.timeLimiter = TimeLimiter.of(TimeLimiterConfig.custom()
        .timeoutDuration(policy.timeLimit())
        .cancelRunningFuture(true)
        .build());
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones: the backoff grows by the multiplier. */
  static long backoffMillis(CallPolicy policy, int attempt) {
    return (long) (policy.initialBackoff().toMillis() * Math.pow(policy.backoffMultiplier(), attempt - 1));
  }

  /** Names the canary that the calls made on this thread from now on are for. */
  void actingFor(String canaryId) {
    canary.set(canaryId);
  }

  /** Calls {@code call} on {@code adapter}; failures come back classified as {@link AdapterException}s. */
  <T> T call(String adapter, String what, Supplier<T> call) {
    int[] attempt = {0};
    return retry.executeSupplier(() -> attempt(adapter, what, call, ++attempt[0]));
  }

  /** Calls {@code call} like {@link #call} but without retries, for adapters that retry on their own terms. */
  <T> T callOnce(String adapter, String what, Supplier<T> call) {
    return attempt(adapter, what, call, 1);
  }

  private <T> T attempt(String adapter, String what, Supplier<T> call, int attempt) {
    CircuitBreaker circuit = circuits.computeIfAbsent(adapter, name -> CircuitBreaker.of(name, circuitConfig));
    long start = System.nanoTime();
    try {
      T result = circuit.executeSupplier(() -> limited(what, call));
      report(adapter, what, attempt, start, RunnerEvent.CallOutcome.SUCCESS, "");
      return result;
    } catch (CallNotPermittedException e) {
      CircuitOpenException open = new CircuitOpenException("The circuit breaker of the " + adapter
          + " is open after repeated failures; " + what + " was not attempted", e);
      report(adapter, what, attempt, start, RunnerEvent.CallOutcome.CIRCUIT_OPEN, open.getMessage());
      throw open;
    } catch (TransientAdapterException e) {
      report(adapter, what, attempt, start, RunnerEvent.CallOutcome.TRANSIENT_FAILURE, e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      report(adapter, what, attempt, start, RunnerEvent.CallOutcome.PERMANENT_FAILURE, e.getMessage());
      throw e;
    }
  }

  private void report(String adapter, String what, int attempt, long startNanos, RunnerEvent.CallOutcome outcome,
      String reason) {
    events.publish(new RunnerEvent.AdapterCalled(canary.get(), clock.instant(), adapter, what, attempt,
        java.time.Duration.ofNanos(System.nanoTime() - startNanos), outcome, reason == null ? "" : reason));
  }

  /** Runs {@code call} on {@code adapter}, like {@link #call}. */
  void run(String adapter, String what, Runnable call) {
    call(adapter, what, () -> {
      call.run();
      return Boolean.TRUE;
    });
  }

  /** The state of {@code adapter}'s circuit breaker, {@code CLOSED} when it was never called. */
  CircuitBreaker.State circuitState(String adapter) {
    CircuitBreaker c = circuits.get(adapter);
    return c == null ? CircuitBreaker.State.CLOSED : c.getState();
  }

  private <T> T limited(String what, Supplier<T> call) {
    try {
      return timeLimiter.executeFutureSupplier(() -> executor.submit(call::get));
    } catch (TimeoutException e) {
      throw new TransientAdapterException(what + " did not finish within " + policy.timeLimit(), e);
    } catch (AdapterException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientAdapterException(what + " was interrupted", e);
    } catch (RuntimeException e) {
      throw new PermanentAdapterException(what + " failed with an unclassified " + e.getClass().getSimpleName()
          + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new PermanentAdapterException(what + " failed: " + e.getMessage(), e);
    }
  }
}
