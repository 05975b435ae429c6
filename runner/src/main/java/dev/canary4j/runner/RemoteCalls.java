package dev.canary4j.runner;

import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Wraps every remote call in a retry (transient failures only, exponential backoff), a circuit
 * breaker per adapter ({@link Circuit}), and a time limit per attempt. Thread-safe.
 *
 * <p>The circuit breaker and the time limit are the runner's own rather than resilience4j's: those
 * two modules log through SLF4J from a static field, which would make SLF4J a requirement of every
 * host and print a warning in every host that has no SLF4J binding.
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
  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
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
    Circuit circuit = circuits.computeIfAbsent(adapter, name -> new Circuit(policy, clock));
    long start = System.nanoTime();
    if (!circuit.tryAcquire()) {
      CircuitOpenException open = new CircuitOpenException("The circuit breaker of the " + adapter
          + " is open after repeated failures; " + what + " was not attempted", null);
      report(adapter, what, attempt, start, RunnerEvent.CallOutcome.CIRCUIT_OPEN, open.getMessage());
      throw open;
    }
    try {
      T result = limited(what, call);
      circuit.record(false);
      report(adapter, what, attempt, start, RunnerEvent.CallOutcome.SUCCESS, "");
      return result;
    } catch (TransientAdapterException e) {
      circuit.record(true);
      report(adapter, what, attempt, start, RunnerEvent.CallOutcome.TRANSIENT_FAILURE, e.getMessage());
      throw e;
    } catch (RuntimeException | Error e) {
      // A rejected query says nothing about the remote's health: it neither counts nor dilutes the rate.
      circuit.release();
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
  Circuit.State circuitState(String adapter) {
    Circuit c = circuits.get(adapter);
    return c == null ? Circuit.State.CLOSED : c.state();
  }

  private <T> T limited(String what, Supplier<T> call) {
    Future<T> future = executor.submit(call::get);
    try {
      return future.get(policy.timeLimit().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TransientAdapterException(what + " did not finish within " + policy.timeLimit(), e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransientAdapterException(what + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AdapterException a) {
        throw a;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new PermanentAdapterException(what + " failed with an unclassified " + cause.getClass().getSimpleName()
          + ": " + cause.getMessage(), cause);
    }
  }
}
