package dev.canary4j.runner;

import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.ErrorText;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one owner of retries: wraps every remote call in a retry (transient failures only, exponential
 * backoff or the remote's {@code Retry-After}, whichever is longer, all within the call budget), a
 * circuit breaker per adapter, and a time limit per attempt. Every retry is published as a
 * {@link RunnerEvent.CallRetried}. Thread-safe.
 *
 * <p>Adapters make one attempt per call and classify its failure; only here is an attempt repeated.
 * The layers nest as retry(circuit breaker(time limit(call))): a timed-out attempt counts as a
 * transient failure in the circuit, and an open circuit is not retried within the same call since
 * it will stay open for longer than any backoff. Permanent failures are neither retried nor counted
 * against the circuit: a rejected query says nothing about the remote's health. Waits happen inside
 * the call on the calling worker thread; between ticks no thread is held.
 */
final class RemoteCalls {

  /** Longest error text carried in an exception or event. */
  static final int MAX_REASON = 1000;

  private final CallPolicy policy;
  private final ExecutorService executor;
  private final Clock clock;
  private final EventPublisher events;
  private final CircuitBreakerConfig circuitConfig;
  private final TimeLimiter timeLimiter;
  private final Map<String, CircuitBreaker> circuits = new ConcurrentHashMap<>();

  RemoteCalls(CallPolicy policy, ExecutorService executor, Clock clock, EventPublisher events) {
    this.policy = policy;
    this.executor = executor;
    this.clock = clock;
    this.events = events;
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

  /** Calls {@code call} on {@code adapter} for canary {@code canaryId}, up to the policy's attempts. */
  <T> T call(String canaryId, String adapter, String what, Supplier<T> call) {
    return call(canaryId, adapter, what, policy.maxAttempts(), call);
  }

  /**
   * Calls {@code call} on {@code adapter} for canary {@code canaryId}, retrying transient failures up
   * to {@code attempts} attempts; failures come back classified as {@link AdapterException}s.
   */
  <T> T call(String canaryId, String adapter, String what, int attempts, Supplier<T> call) {
    long deadline = System.nanoTime() + policy.callBudget().toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        return callOnce(adapter, what, call);
      } catch (TransientAdapterException e) {
        if (e instanceof CircuitOpenException || attempt >= attempts || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        Optional<Duration> asked = e.retryAfter();
        Duration backoff = Duration.ofMillis(backoffMillis(policy, attempt));
        Duration wait = asked.filter(d -> d.compareTo(backoff) > 0).orElse(backoff);
        long left = deadline - System.nanoTime();
        if (wait.toNanos() >= left) {
          throw new TransientAdapterException(ErrorText.cap(e.getMessage(), MAX_REASON) + " (attempt " + attempt + " of "
              + attempts + "; not retried: " + (asked.isPresent() ? "the remote asked to wait " + asked.get().toMillis()
              + " ms" : "the backoff is " + wait.toMillis() + " ms") + ", more than the " + Math.max(0, left / 1_000_000)
              + " ms left of the call budget of " + policy.callBudget().toMillis() + " ms)", e, asked.orElse(null));
        }
        events.publish(new RunnerEvent.CallRetried(canaryId, clock.instant(), adapter, what, attempt,
            ErrorText.cap(e.getMessage(), MAX_REASON), wait));
        sleep(wait, what, e);
      }
    }
  }

  /** Calls {@code call} on {@code adapter} once: time limit and circuit breaker, no retry. */
  <T> T callOnce(String adapter, String what, Supplier<T> call) {
    CircuitBreaker circuit = circuits.computeIfAbsent(adapter, name -> CircuitBreaker.of(name, circuitConfig));
    try {
      return circuit.executeSupplier(() -> limited(what, call));
    } catch (CallNotPermittedException e) {
      throw new CircuitOpenException("The circuit breaker of the " + adapter + " is open after repeated failures; "
          + what + " was not attempted", e);
    }
  }

  /** Runs {@code call} on {@code adapter} for canary {@code canaryId}, like {@link #call}. */
  void run(String canaryId, String adapter, String what, Runnable call) {
    call(canaryId, adapter, what, () -> {
      call.run();
      return Boolean.TRUE;
    });
  }

  /** The state of {@code adapter}'s circuit breaker, {@code CLOSED} when it was never called. */
  CircuitBreaker.State circuitState(String adapter) {
    CircuitBreaker c = circuits.get(adapter);
    return c == null ? CircuitBreaker.State.CLOSED : c.getState();
  }

  private static void sleep(Duration wait, String what, TransientAdapterException failure) {
    try {
      TimeUnit.NANOSECONDS.sleep(wait.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      TransientAdapterException interrupted = new TransientAdapterException("Interrupted while waiting to retry " + what, e);
      interrupted.addSuppressed(failure);
      throw interrupted;
    }
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
          + ": " + ErrorText.cap(ErrorText.escape(String.valueOf(e.getMessage())), MAX_REASON), e);
    } catch (Exception e) {
      throw new PermanentAdapterException(what + " failed: " + ErrorText.cap(ErrorText.escape(String.valueOf(e.getMessage())), MAX_REASON), e);
    }
  }
}
