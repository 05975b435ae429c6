package dev.canary4j.runner;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The runner's call policy for callers outside a runner, such as a controller's leader election or
 * its polling of a configuration fingerprint: retries of transient failures (backoff or the remote's
 * {@code Retry-After}, within the call budget), a circuit breaker per adapter and a time limit per
 * attempt, exactly as the runner applies them. Every retry is published as a
 * {@link RunnerEvent.CallRetried} to the listener. Thread-safe; {@link #close()} stops its threads.
 */
public final class RemoteCallExecutor implements AutoCloseable {

  private final ExecutorService executor;
  private final RemoteCalls calls;

  private RemoteCallExecutor(CallPolicy policy, RunnerListener listener, Clock clock) {
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "canary4j-call");
      t.setDaemon(true);
      return t;
    });
    EventPublisher events = new EventPublisher();
    events.subscribe(Objects.requireNonNull(listener, "listener"));
    this.calls = new RemoteCalls(Objects.requireNonNull(policy, "policy"), executor, Objects.requireNonNull(clock, "clock"),
        events);
  }

  /**
   * An executor applying {@code policy}, reporting retries to {@code listener} with times from {@code clock}.
   *
   * @param policy attempts, backoff, time limit and circuit breaker to apply; not {@code null}
   * @param listener receives an event for each attempt of each call; not {@code null}
   * @param clock the clock for event times and {@code Retry-After} dates; not {@code null}
   * @return a new executor with one circuit per adapter, to be closed when no longer used
   */
  public static RemoteCallExecutor create(CallPolicy policy, RunnerListener listener, Clock clock) {
    return new RemoteCallExecutor(policy, listener, clock);
  }

  /**
   * Calls {@code call} on {@code adapter} on behalf of {@code subject} (the id its retry events carry):
   * transient failures are retried, and the last failure is thrown as a classified adapter exception.
   *
   * @param <T> the call's result type
   * @param subject the canary's id, carried by retry events
   * @param adapter the adapter called, e.g. {@code router}; each has its own circuit
   * @param what the operation, named in events and messages
   * @param call the call; a transient adapter exception from it may be retried
   * @return the call's result
   */
  public <T> T call(String subject, String adapter, String what, Supplier<T> call) {
    return calls.call(subject, adapter, what, call);
  }

  /**
   * Runs {@code call} like {@link #call}.
   *
   * @param subject the canary's id, carried by retry events
   * @param adapter the adapter called, e.g. {@code router}; each has its own circuit
   * @param what the operation, named in events and messages
   * @param call the call; a transient adapter exception from it may be retried
   */
  public void run(String subject, String adapter, String what, Runnable call) {
    calls.run(subject, adapter, what, call);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
