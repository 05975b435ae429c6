package dev.canary4j;

import dev.canary4j.policy.CanaryPolicy;
import java.time.Instant;
import java.util.List;

/**
 * The canary state machine: a pure function from a policy, a state, an input and the time to a
 * {@link Decision}. No I/O, no clock reads, no randomness; the same arguments give the same decision.
 */
public final class CanaryMachine {

  private CanaryMachine() {}

  /** Decides what {@code input} at {@code now} does to {@code state} under {@code policy}. */
  public static Decision decide(CanaryPolicy policy, CanaryState state, Input input, Instant now) {
    throw new UnsupportedOperationException("not yet");
  }

  /** What to measure and which gates to ask before the next tick, given the current state. */
  public static TickPlan plan(CanaryPolicy policy, CanaryState state) {
    return new TickPlan(List.of(), List.of());
  }
}
