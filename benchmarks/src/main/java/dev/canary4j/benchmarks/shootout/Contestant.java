package dev.canary4j.benchmarks.shootout;

import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.MetricCheck;
import java.util.List;

/** A canary policy and the host-side judging that feeds its metrics' verdicts to the state machine. */
interface Contestant {

  /** The label in the table. */
  String name();

  /** The policy the state machine runs. */
  CanaryPolicy policy();

  /**
   * Further analysis intervals the canary keeps serving at its weight after the machine decides to roll
   * back: 0 for canary4j, which acts in the tick that reaches a limit.
   */
  default int lateRollbackIntervals() {
    return 0;
  }

  /** Fresh judging for one rollout (it may carry evidence from tick to tick, as a runner would). */
  Judging start();

  /** Judges one analysis interval of traffic for one rollout. */
  interface Judging {
    List<Verdict> judge(List<MetricCheck> planned, TrafficModel.Interval interval);
  }
}
