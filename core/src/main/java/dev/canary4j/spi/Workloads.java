package dev.canary4j.spi;

import dev.canary4j.policy.Target;

/**
 * Changes the primary's and the canary's workloads when an analysis starts and when a rollout ends. Implementations are
 * thread-safe and every method is idempotent (the runner repeats a call after a crash or a failure);
 * failures are thrown as {@link TransientAdapterException} or {@link PermanentAdapterException}.
 */
public interface Workloads {

  /**
   * Makes the canary run, for the analysis of {@code revision} that starts now, for example by
   * scaling it back up after {@link #finalise} or {@link #rollBack} scaled it down. Does nothing by
   * default, for workloads whose canary keeps running.
   */
  default void prepare(Target target, String revision) {}

  /** Copies the canary's {@code revision} to the primary. */
  void promote(Target target, String revision);

  /** Scales the canary down after a promotion finished; the primary now runs {@code revision}. */
  void finalise(Target target, String revision);

  /** Scales the canary down after {@code revision} was rolled back; the primary keeps its revision. */
  void rollBack(Target target, String revision);
}
