package dev.canary4j.policy;

/** What the machine does, in the same tick, when a limit is reached. */
public enum LimitAction {
  /** Route all traffic to the primary and end in {@code FAILED}. */
  ROLLBACK,
  /** Keep the current weights and wait in {@code PAUSED} for a human to resume or abort. */
  PAUSE
}
