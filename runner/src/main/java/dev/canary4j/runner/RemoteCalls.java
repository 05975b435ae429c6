package dev.canary4j.runner;

import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.ErrorText;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one owner of retries: wraps every remote call in a retry (transient failures only, exponential
 * backoff or the remote's {@code Retry-After}, whichever is longer, all within the call budget), a
 * circuit breaker per adapter ({@link Circuit}), and a time limit per attempt. Every retry is
 * published as a {@link RunnerEvent.CallRetried} and every attempt as a {@link RunnerEvent.AdapterCalled}.
 * Thread-safe.
 *
 * <p>The circuit breaker and the time limit are the runner's own rather than resilience4j's: those
 * two modules log through SLF4J from a static field, which would make SLF4J a requirement of every
 * host and print a warning in every host that has no SLF4J binding.
 *
 * <p>Adapters make one attempt per call and classify its failure; only here is an attempt repeated.
 * The layers nest as retry(circuit breaker(time limit(call))): a timed-out attempt counts as a
 * transient failure in the circuit, and an open circuit is not retried within the same call since
 * it will stay open for longer than any backoff. Permanent failures are neither retried nor counted
 * against the circuit: a rejected query says nothing about the remote's health. Waits happen inside
 * the call on the calling worker thread; between ticks no thread is held.
 *
 * <p>Where an attempt runs: without an executor (the runner's default) on the calling thread, with
 * the shared {@link CallWatchdog} interrupting and abandoning an attempt that overruns the time limit;
 * with {@link SameThreadExecutor} on the calling thread without a time limit; with any other executor
 * on one of its threads, the caller waiting at most the time limit for it.
 */
final class RemoteCalls {

  /** Longest error text carried in an exception or event. */
  static final int MAX_REASON = 1000;

  private final CallPolicy policy;
  private final ExecutorService executor;
  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
  private final Clock clock;
  private final EventPublisher events;
  /** Told, on the watchdog's thread, the canary of each call the time limit abandons; null for nobody. */
  private volatile CallWatchdog.AbandonListener onAbandoned;

  RemoteCalls(CallPolicy policy, ExecutorService executor, Clock clock) {
    this(policy, executor, clock, new EventPublisher());
  }

  /** Calls under {@code policy}, run on {@code executor}'s threads, or on the caller's under the watchdog when it is null. */
  RemoteCalls(CallPolicy policy, ExecutorService executor, Clock clock, EventPublisher events) {
    this.policy = policy;
    this.executor = executor;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Sets who is told, on the watchdog's thread, the canary of each call the time limit abandons (calls
   * on the caller's thread only); it must return at once.
   */
  void onAbandoned(CallWatchdog.AbandonListener listener) {
    this.onAbandoned = listener;
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
        return attempt(canaryId, adapter, what, call, attempt);
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

  private <T> T attempt(String canaryId, String adapter, String what, Supplier<T> call, int attempt) {
    Circuit circuit = circuits.computeIfAbsent(adapter, name -> new Circuit(policy, clock));
    long start = System.nanoTime();
    if (!circuit.tryAcquire()) {
      CircuitOpenException open = new CircuitOpenException("The circuit breaker of the " + adapter
          + " is open after repeated failures; " + what + " was not attempted", null);
      report(canaryId, adapter, what, attempt, start, RunnerEvent.CallOutcome.CIRCUIT_OPEN, open.getMessage());
      throw open;
    }
    try {
      T result = limited(canaryId, what, call, circuit);
      circuit.record(false);
      report(canaryId, adapter, what, attempt, start, RunnerEvent.CallOutcome.SUCCESS, "");
      return result;
    } catch (AbandonedCallException e) {
      // Counted against the circuit when the watchdog abandoned it, so that callers of the adapter
      // stopped waiting for it then, even if this call had never returned.
      report(canaryId, adapter, what, attempt, start, RunnerEvent.CallOutcome.TRANSIENT_FAILURE, e.getMessage());
      throw e;
    } catch (TransientAdapterException e) {
      circuit.record(true);
      report(canaryId, adapter, what, attempt, start, RunnerEvent.CallOutcome.TRANSIENT_FAILURE, e.getMessage());
      throw e;
    } catch (RuntimeException | Error e) {
      // A rejected query says nothing about the remote's health: it neither counts nor dilutes the rate.
      circuit.release();
      report(canaryId, adapter, what, attempt, start, RunnerEvent.CallOutcome.PERMANENT_FAILURE, e.getMessage());
      throw e;
    }
  }

  private void report(String canaryId, String adapter, String what, int attempt, long startNanos, RunnerEvent.CallOutcome outcome,
      String reason) {
    events.publish(new RunnerEvent.AdapterCalled(canaryId, clock.instant(), adapter, what, attempt,
        Duration.ofNanos(System.nanoTime() - startNanos), outcome, reason == null ? "" : reason));
  }

  /** Runs {@code call} on {@code adapter} for canary {@code canaryId}, like {@link #call}. */
  void run(String canaryId, String adapter, String what, Runnable call) {
    call(canaryId, adapter, what, () -> {
      call.run();
      return Boolean.TRUE;
    });
  }

  /** The state of {@code adapter}'s circuit breaker, {@code CLOSED} when it was never called. */
  Circuit.State circuitState(String adapter) {
    Circuit c = circuits.get(adapter);
    return c == null ? Circuit.State.CLOSED : c.state();
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

  private <T> T limited(String canaryId, String what, Supplier<T> call, Circuit circuit) {
    if (executor == null) {
      return watched(canaryId, what, call, circuit);
    }
    if (executor instanceof SameThreadExecutor) {
      return unclassifiedAsPermanent(what, call);
    }
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
      throw classified(what, e.getCause());
    }
  }

  /**
   * Runs {@code call} on this thread under the shared {@link CallWatchdog}: a call that overruns the
   * time limit is interrupted, and abandoned whatever it returns or throws afterwards.
   */
  private <T> T watched(String canaryId, String what, Supplier<T> call, Circuit circuit) {
    boolean interruptedBefore = Thread.currentThread().isInterrupted();
    CallWatchdog.Watch watch = CallWatchdog.SHARED.start(policy.timeLimit().toNanos(), circuit.abandoned,
        onAbandoned, canaryId);
    T result = null;
    Throwable failure = null;
    try {
      result = call.get();
    } catch (Throwable e) { // whatever it throws, the watch must end, or the watchdog would interrupt a later call
      failure = e;
    }
    if (!watch.end(interruptedBefore)) {
      circuit.returned();
      TransientAdapterException timedOut = new AbandonedCallException(what + " did not finish within " + policy.timeLimit());
      if (failure != null) {
        timedOut.addSuppressed(failure);
      }
      throw timedOut;
    }
    if (failure != null) {
      throw classified(what, failure);
    }
    return result;
  }

  private static <T> T unclassifiedAsPermanent(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException | Error e) {
      throw classified(what, e);
    }
  }

  /** A call the watchdog abandoned at its time limit; already counted against the circuit. */
  private static final class AbandonedCallException extends TransientAdapterException {
    private static final long serialVersionUID = 1L;

    AbandonedCallException(String message) {
      super(message);
    }
  }

  /** {@code failure} as the runner passes it on: adapter exceptions and errors as they are, anything else as permanent. */
  private static RuntimeException classified(String what, Throwable failure) {
    if (failure instanceof AdapterException a) {
      return a;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    return new PermanentAdapterException(what + " failed with an unclassified " + failure.getClass().getSimpleName()
        + ": " + ErrorText.cap(ErrorText.escape(String.valueOf(failure.getMessage())), MAX_REASON), failure);
  }
}
