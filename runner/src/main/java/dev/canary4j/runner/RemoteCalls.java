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

  RemoteCalls(CallPolicy policy, ExecutorService executor, Clock clock) {
    this.policy = policy;
    this.executor = executor;
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

  /** Calls {@code call} on {@code adapter}; failures come back classified as {@link AdapterException}s. */
  <T> T call(String adapter, String what, Supplier<T> call) {
    return retry.executeSupplier(() -> callOnce(adapter, what, call));
  }

  /** Calls {@code call} like {@link #call} but without retries, for adapters that retry on their own terms. */
  <T> T callOnce(String adapter, String what, Supplier<T> call) {
    CircuitBreaker circuit = circuits.computeIfAbsent(adapter, name -> CircuitBreaker.of(name, circuitConfig));
    try {
      return circuit.executeSupplier(() -> limited(what, call));
    } catch (CallNotPermittedException e) {
      throw new CircuitOpenException("The circuit breaker of the " + adapter + " is open after repeated failures; "
          + what + " was not attempted", e);
    }
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
