package dev.canary4j;

import dev.canary4j.policy.GateType;

/** Something the machine asks its host to do; the runner performs actions through the SPIs. */
public sealed interface Action {

  /** Make the router apply {@code split}. */
  record SetTraffic(TrafficSplit split) implements Action {}

  /**
   * An analysis of {@code revision} starts: bring the canary's workload up (it was scaled down when
   * the last rollout ended) before traffic moves to it.
   */
  record Prepare(String revision) implements Action {}

  /** Copy the canary's {@code revision} to the primary (Flagger's promotion). */
  record Promote(String revision) implements Action {}

  /** The promotion is complete and all traffic is on the primary: scale the canary down. */
  record Finalise(String revision) implements Action {}

  /** The canary was rolled back and all traffic is on the primary: scale the canary down. */
  record RollBack(String revision, String reason) implements Action {}

  /** Call the notification gates of {@code type} (post-rollout); their answers do not steer. */
  record NotifyGates(GateType type) implements Action {}
}
