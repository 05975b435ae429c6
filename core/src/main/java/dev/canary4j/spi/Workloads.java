package dev.canary4j.spi;

import dev.canary4j.Readiness;
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
   *
   * @param target the rollout's target
   * @param revision the revision whose analysis starts
   */
  default void prepare(Target target, String revision) {}

  /**
   * Copies the canary's {@code revision} to the primary.
   *
   * @param target the rollout's target
   * @param revision the revision to promote
   */
  void promote(Target target, String revision);

  /**
   * Scales the canary down after a promotion finished; the primary now runs {@code revision}.
   *
   * @param target the rollout's target
   * @param revision the revision the primary now runs
   */
  void finalise(Target target, String revision);

  /**
   * Scales the canary down after {@code revision} was rolled back; the primary keeps its revision.
   *
   * @param target the rollout's target
   * @param revision the revision that was rolled back
   */
  void rollBack(Target target, String revision);

  /**
   * Whether the canary runs {@code revision} with every wanted replica ready. The runner asks before
   * each tick; no weight of the canary rises while it is not ready, and one that will never be ready
   * is rolled back. The default, for workloads that cannot tell, reports ready.
   *
   * @param target the rollout's target
   * @param revision the revision under analysis
   * @return ready, not ready with a reason, or never ready with a reason
   */
  default Readiness canaryReadiness(Target target, String revision) {
    return Readiness.ready();
  }

  /**
   * Whether the primary has rolled out {@code revision} (after a promotion: the promoted one) with
   * every wanted replica ready. A promotion moves traffic back to the primary only once it is. The
   * default, for workloads that cannot tell, reports ready.
   *
   * @param target the rollout's target
   * @param revision the revision the primary should run
   * @return ready, not ready with a reason, or never ready with a reason
   */
  default Readiness primaryReadiness(Target target, String revision) {
    return Readiness.ready();
  }
}
