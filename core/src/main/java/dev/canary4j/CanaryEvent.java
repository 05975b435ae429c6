package dev.canary4j;

import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.LimitAction;
import java.time.Instant;
import java.util.List;

/** Something that happened to a canary, with a reason a person can read. */
public sealed interface CanaryEvent {

  /**
   * When it happened (the decision's time).
   *
   * @return the decision's time, as passed to the machine
   */
  Instant at();

  /**
   * Why, in one sentence.
   *
   * @return the reason, never {@code null}
   */
  String reason();

  /** The phase changed. */
  record PhaseChanged(Instant at, Phase from, Phase to, String reason) implements CanaryEvent {}

  /** The machine asked for another split. */
  record TrafficShifted(Instant at, TrafficSplit from, TrafficSplit to, String reason) implements CanaryEvent {}

  /** A tick's analysis was judged; every verdict is included. */
  record AnalysisJudged(Instant at, AnalysisOutcome outcome, List<Verdict> verdicts, String reason) implements CanaryEvent {
    /**
     * Copies the verdicts.
     *
     * @param at the decision's time
     * @param outcome the analysis' outcome
     * @param verdicts every verdict of the analysis
     * @param reason what decided the outcome
     */
    public AnalysisJudged {
      verdicts = List.copyOf(verdicts);
    }
  }

  /** A limit was reached and acted on in the same tick. */
  record LimitReached(Instant at, String limit, int count, LimitAction action, String reason) implements CanaryEvent {}

  /** A gate was answered, or timed out. */
  record GateAnswered(Instant at, String gate, GateType type, boolean open, boolean timedOut, String reason)
      implements CanaryEvent {}

  /** A manual command was applied or, with a reason, had nothing to do. */
  record CommandHandled(Instant at, Command command, boolean applied, String reason) implements CanaryEvent {}

  /** A new revision (or configuration) started a new analysis. */
  record AnalysisStarted(Instant at, String previousRevision, String revision, String reason) implements CanaryEvent {}

  /**
   * A workload ({@code canary} or {@code primary}) is not ready, so the rollout holds where it is:
   * no weight of the canary rises, and a promotion does not move traffic to an unready primary.
   */
  record WorkloadNotReady(Instant at, String workload, Readiness.Status status, String reason) implements CanaryEvent {}

  /** The router's split differed from the state's and is being corrected. */
  record TrafficDriftCorrected(Instant at, TrafficSplit observed, TrafficSplit desired, String reason)
      implements CanaryEvent {}
}
