package dev.canary4j.runner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The circuit breaker of one adapter: over the last {@code max(minimumCalls, 10)} recorded calls,
 * once at least {@code minimumCalls} are recorded, a failure rate at or above the threshold opens
 * it; an open circuit refuses calls for the open duration, then lets one trial call through, whose
 * success closes it and whose failure opens it again. No trial goes through while a call that the
 * time limit abandoned has not returned: a remote that hangs for good would otherwise hold one more
 * thread per open duration. Thread-safe.
 */
final class Circuit {

  /** Where a circuit is. */
  enum State { CLOSED, OPEN, HALF_OPEN }

  private final CallPolicy policy;
  private final Clock clock;
  private final int window;
  private final Deque<Boolean> failures = new ArrayDeque<>();
  /**
   * Records a call that the time limit abandoned, as a transient failure still under way; made once,
   * as the watchdog's hook for every call through this circuit. {@link #returned} ends it.
   */
  final Runnable abandoned = () -> {
    hungCall();
    record(true);
  };
  private State state = State.CLOSED;
  private Instant openedAt;
  private boolean trialUnderWay;
  /** Abandoned calls not returned yet; may dip below 0 for a moment, when a call returns before the hook runs. */
  private int hung;

  Circuit(CallPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
    this.window = Math.max(policy.minimumCalls(), 10);
  }

  synchronized State state() {
    return state;
  }

  /** Whether a call may go ahead now; a caller that gets {@code true} must {@link #record} or {@link #release}. */
  synchronized boolean tryAcquire() {
    if (state == State.OPEN && hung <= 0 && !clock.instant().isBefore(openedAt.plus(policy.openDuration()))) {
      state = State.HALF_OPEN;
      trialUnderWay = false;
    }
    if (state == State.OPEN || state == State.HALF_OPEN && trialUnderWay) {
      return false;
    }
    trialUnderWay = state == State.HALF_OPEN;
    return true;
  }

  /** Records the outcome of a call that went ahead: {@code failed} for a transient failure. */
  synchronized void record(boolean failed) {
    if (state == State.HALF_OPEN) {
      failures.clear();
      if (failed) {
        open();
      } else {
        state = State.CLOSED;
      }
      trialUnderWay = false;
      return;
    }
    failures.addLast(failed);
    while (failures.size() > window) {
      failures.removeFirst();
    }
    long failed100 = failures.stream().filter(f -> f).count() * 100;
    if (failures.size() >= policy.minimumCalls() && failed100 >= policy.failureRateThreshold() * failures.size()) {
      open();
    }
  }

  private synchronized void hungCall() {
    hung++;
  }

  /** Ends an abandoned call: it has returned, so it holds no thread any more. */
  synchronized void returned() {
    hung--;
  }

  /** Gives back a call that went ahead but says nothing of the remote's health (a permanent failure). */
  synchronized void release() {
    trialUnderWay = false;
  }

  private void open() {
    state = State.OPEN;
    openedAt = clock.instant();
    failures.clear();
  }
}
