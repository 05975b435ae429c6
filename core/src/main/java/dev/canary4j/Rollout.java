package dev.canary4j;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.LimitAction;
import dev.canary4j.policy.LimitKind;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a rollout under one policy: what a tick does in each phase, how an analysis starts,
 * how a canary is promoted, rolled back or paused. A tick evaluates only the gates that {@link
 * PhaseGates}, the table {@link CanaryMachine#plan} reads too, lists for where the rollout stands.
 * Package-private; {@link CanaryMachine} is the API.
 */
final class Rollout {
  private final CanaryPolicy policy;
  private final DecisionDraft d;
  /** The readiness of the tick being decided; unknown (null) for other inputs, so nothing waits on it. */
  private WorkloadReadiness readiness;
  /** Which gates the tick being decided may evaluate; {@link PhaseGates#NONE} for other inputs. */
  private PhaseGates planned = PhaseGates.NONE;

  Rollout(CanaryPolicy policy, DecisionDraft draft) {
    this.policy = policy;
    this.d = draft;
  }

  void tick(Input.Tick tick) {
    readiness = tick.readiness();
    CanaryState s = d.state();
    Phase phase = s.phase();
    planned = PhaseGates.of(s, Steps.lastStep(policy.strategy()));
    boolean analysing = planned.consults(GateType.ROLLBACK);
    if (analysing && GateWait.anyOpen(d, gates(GateType.ROLLBACK), tick.gates(), GateType.ROLLBACK)) {
      rollBack(Phase.FAILED, "a rollback gate opened");
      return;
    }
    if (phase == Phase.PAUSED || !phase.isActive()) {
      return;
    }
    Readiness canary = readiness.canary();
    if (phase.canRollBack() && canary.status() == Readiness.Status.NEVER_READY) {
      rollBack(Phase.FAILED, "the canary will never be ready: " + canary.reason());
      return;
    }
    Duration deadline = policy.progressDeadline();
    // A gate that is waiting has a timeout of its own; the deadline must not cut that wait short.
    // A wait past its gate's timeout no longer counts: the gate is only evaluated after a passing
    // analysis, so a stale wait would otherwise switch the deadline off for good.
    if (analysing && deadline != null && s.progressAt() != null && !GateWait.anyWithinTimeout(policy, s.gateWaits(), d.now())
        && Duration.between(s.progressAt(), d.now()).compareTo(deadline) > 0) {
      rollBack(Phase.FAILED, "no progress for longer than the progress deadline " + deadline
          + (canary.isReady() ? "" : "; the canary is not ready: " + canary.reason()));
      return;
    }
    if ((phase == Phase.PROGRESSING || phase == Phase.WAITING_PROMOTION) && !canary.isReady()) {
      // As Flagger does: an unready canary is neither judged nor given more traffic; the deadline ends the wait.
      notReady("canary", canary, "step " + (s.step() + 1) + " is held and not judged");
      return;
    }
    switch (phase) {
      case WAITING -> waiting(tick);
      case PROGRESSING -> progressing(tick);
      case WAITING_PROMOTION -> waitingPromotion(tick);
      case PROMOTING -> promoting();
      case FINALISING -> {
        d.moveTo(Phase.SUCCEEDED, "revision " + s.revision() + " promoted");
        d.act(new Action.NotifyGates(GateType.POST_ROLLOUT));
      }
      default -> throw new IllegalStateException("no tick rule for phase " + phase);
    }
  }

  /** The policy's gates of {@code type}, which the tick being decided must have planned to ask. */
  private List<GateSpec> gates(GateType type) {
    if (!planned.consults(type)) {
      throw new IllegalStateException("a tick at " + planned + " evaluated " + type.specName()
          + " gates, which its plan does not ask");
    }
    return policy.gates(type);
  }

  private void waiting(Input.Tick tick) {
    switch (GateWait.evaluate(d, gates(GateType.CONFIRM_ROLLOUT), tick.gates())) {
      case OPEN -> d.moveTo(Phase.PROGRESSING, "confirm-rollout gates are open");
      case TIMED_OUT -> rollBack(Phase.FAILED, "a confirm-rollout gate timed out");
      case CLOSED -> { }
    }
  }

  private void progressing(Input.Tick tick) {
    CanaryState s = d.state();
    if (s.step() < 0) {
      switch (GateWait.evaluate(d, gates(GateType.PRE_ROLLOUT), tick.gates())) {
        case OPEN -> advanceTo(0, "analysis starts at step 1");
        case TIMED_OUT -> rollBack(Phase.FAILED, "a pre-rollout gate timed out");
        case CLOSED -> {
          TickAnalysis closed = new TickAnalysis(AnalysisOutcome.FAIL, List.of(), "pre-rollout gates are closed");
          Counters counted = closed.count(d.state().counters());
          d.change().counters(counted);
          limitsAct(closed, counted);
        }
      }
      return;
    }
    TickAnalysis analysis = analyse(tick);
    if (analysis.outcome() != AnalysisOutcome.PASS) {
      return;
    }
    int passes = s.stepPasses() + 1;
    d.change().step(s.step(), passes);
    // With a look interval the judges look several times a step; the weight still steps once per interval.
    if (passes < Steps.passesRequired(policy.strategy()) * policy.analysis().looksPerStep()) {
      d.change().progressAt(d.now());
      return;
    }
    if (planned.consults(GateType.CONFIRM_TRAFFIC_INCREASE)) {
      switch (GateWait.evaluate(d, gates(GateType.CONFIRM_TRAFFIC_INCREASE), tick.gates())) {
        case OPEN -> advanceTo(s.step() + 1, "analysis passed at step " + (s.step() + 1));
        case TIMED_OUT -> rollBack(Phase.FAILED, "a confirm-traffic-increase gate timed out");
        case CLOSED -> { }
      }
      return;
    }
    if (holdsPromotion(analysis)) {
      d.change().progressAt(d.now());
      return;
    }
    confirmPromotion(tick, "analysis passed at the last step");
  }

  /** Whether a passing test has not decided yet and must before the canary is promoted. */
  private static boolean holdsPromotion(TickAnalysis analysis) {
    for (Verdict v : analysis.verdicts()) {
      if (v.statistics().containsKey(Verdict.HOLDS_PROMOTION)) {
        return true;
      }
    }
    return false;
  }

  private void waitingPromotion(Input.Tick tick) {
    TickAnalysis analysis = analyse(tick);
    if (analysis.outcome() != AnalysisOutcome.PASS || holdsPromotion(analysis)) {
      return;
    }
    confirmPromotion(tick, "analysis still passes");
  }

  private void confirmPromotion(Input.Tick tick, String why) {
    switch (GateWait.evaluate(d, gates(GateType.CONFIRM_PROMOTION), tick.gates())) {
      case OPEN -> promote(why + " and confirm-promotion gates are open");
      case TIMED_OUT -> rollBack(Phase.FAILED, "a confirm-promotion gate timed out");
      case CLOSED -> d.moveTo(Phase.WAITING_PROMOTION, why + "; waiting for confirm-promotion gates");
    }
  }

  /**
   * Judges the tick, counts and keeps its outcome, and applies the limits; an outcome other than a
   * pass holds the step (or, with a limit reached, has rolled back or paused).
   */
  private TickAnalysis analyse(Input.Tick tick) {
    TickAnalysis analysis = TickAnalysis.of(policy, tick.verdicts(), gates(GateType.ROLLOUT), tick.gates());
    Counters counted = analysis.count(d.state().counters());
    Map<String, SequentialEvidence> evidence = evidenceAfter(tick);
    d.change().lastVerdicts(analysis.verdicts()).counters(counted).evidence(evidence);
    d.emit(new CanaryEvent.AnalysisJudged(d.now(), analysis.outcome(), analysis.verdicts(), analysis.reason()));
    limitsAct(analysis, counted);
    return analysis;
  }

  /** The state's evidence updated with the tick's, for the metrics of the policy only; unchanged without any. */
  private Map<String, SequentialEvidence> evidenceAfter(Input.Tick tick) {
    Map<String, SequentialEvidence> before = d.state().evidence();
    if (tick.evidence().isEmpty()) {
      return before;
    }
    Map<String, SequentialEvidence> evidence = new HashMap<>(before);
    for (MetricCheck metric : policy.analysis().metrics()) {
      SequentialEvidence e = tick.evidence().get(metric.name());
      if (e != null) {
        evidence.put(metric.name(), e);
      }
    }
    return evidence;
  }

  /** Applies the limits to the counters {@code c} just updated; true when the canary was rolled back or paused. */
  private boolean limitsAct(TickAnalysis analysis, Counters c) {
    return switch (analysis.outcome()) {
      case CRITICAL_FAIL -> {
        rollBack(Phase.FAILED, analysis.reason());
        yield true;
      }
      case FAIL -> reached(analysis, c, LimitKind.FAILURE, LimitKind.CONSECUTIVE_FAILURE);
      case ERROR -> reached(analysis, c, LimitKind.ERROR);
      case INCONCLUSIVE -> reached(analysis, c, LimitKind.INCONCLUSIVE);
      case PASS -> false;
    };
  }

  /**
   * Every limit reached in this tick is reported; if any of them rolls back, the canary is rolled
   * back, since a pause would let a resume reset the counters and the rollback would never come.
   */
  private boolean reached(TickAnalysis analysis, Counters c, LimitKind... kinds) {
    Limits limits = policy.analysis().limits();
    LimitKind acting = null;
    String actingReason = null;
    for (LimitKind kind : kinds) {
      Limit limit = limits.of(kind);
      int count = c.count(kind);
      if (limit == null || !limit.reachedBy(count)) {
        continue;
      }
      String reason = kind.specName() + " " + limit.count() + " reached (" + count + "); last: " + analysis.reason();
      d.emit(new CanaryEvent.LimitReached(d.now(), kind, count, limit.action(), reason));
      if (acting == null || limits.of(acting).action() != LimitAction.ROLLBACK && limit.action() == LimitAction.ROLLBACK) {
        acting = kind;
        actingReason = reason;
      }
    }
    if (acting == null) {
      return false;
    }
    if (limits.of(acting).action() == LimitAction.ROLLBACK) {
      rollBack(Phase.FAILED, actingReason);
    } else {
      pause(acting, actingReason);
    }
    return true;
  }

  private void advanceTo(int step, String why) {
    d.change().step(step, 0).progressAt(d.now());
    d.shiftTo(Steps.split(policy.strategy(), step), why + ": step " + (step + 1) + " of "
        + (Steps.lastStep(policy.strategy()) + 1));
  }

  void promote(String reason) {
    CanaryState s = d.state();
    d.moveTo(Phase.PROMOTING, reason);
    d.change().revisions(s.revision(), s.revision()).gateWaits(Map.of()).pause(null, null);
    if (policy.strategy() instanceof BlueGreenStrategy) {
      if (s.phase() == Phase.FAILED || s.phase() == Phase.ABORTED) {
        // The rollback scaled the canary down; it must run again before it takes all traffic.
        d.act(new Action.Prepare(s.revision()));
      }
      if (readiness != null && readiness.canary().isReady() && !(s.phase() == Phase.FAILED || s.phase() == Phase.ABORTED)) {
        d.shiftTo(TrafficSplit.canary(100), "blue/green switch: all traffic to revision " + s.revision());
      }
      // Otherwise the switch waits for a tick that reports the canary ready (see promoting()).
    }
    d.act(new Action.Promote(s.revision()));
  }

  private void promoting() {
    CanaryState s = d.state();
    Readiness primary = readiness.primary();
    if (policy.strategy() instanceof BlueGreenStrategy && s.split().canary() == 0 && !primary.isReady()) {
      // The switch was put off (the canary was not known to be ready); a progressive promotion
      // never reaches weight 0 in this phase, so 0 means the switch is still to come.
      Readiness canary = readiness.canary();
      if (!canary.isReady()) {
        notReady("canary", canary, "the blue/green switch waits for it, and for the primary");
        return;
      }
      d.shiftTo(TrafficSplit.canary(100), "blue/green switch: all traffic to revision " + s.revision());
      return;
    }
    if (!primary.isReady()) {
      // Flagger's order: traffic returns to the primary only once it has rolled out the new revision.
      notReady("primary", primary, "the promotion of revision " + s.revision() + " waits for it");
      return;
    }
    Integer step = policy.promotion().stepWeight();
    int canary = d.state().split().canary();
    if (step != null && canary > step) {
      d.shiftTo(TrafficSplit.canary(canary - step), "progressive promotion: traffic returns to the promoted primary");
      return;
    }
    d.moveTo(Phase.FINALISING, "primary runs revision " + d.state().revision());
    d.shiftTo(TrafficSplit.allPrimary(), "all traffic on the promoted primary");
    d.act(new Action.Finalise(d.state().revision()));
  }

  void rollBack(Phase to, String reason) {
    d.moveTo(to, reason);
    d.change().gateWaits(Map.of()).pause(null, null);
    d.shiftTo(TrafficSplit.allPrimary(), "rollback: all traffic to the primary");
    d.act(new Action.RollBack(d.state().revision(), reason));
    d.act(new Action.NotifyGates(GateType.POST_ROLLOUT));
  }

  private void notReady(String workload, Readiness r, String consequence) {
    d.emit(new CanaryEvent.WorkloadNotReady(d.now(), workload, r.status(), "the " + workload + " is not ready ("
        + r.reason() + "): " + consequence));
  }

  /** Pauses the rollout where it stands; {@code by} is the limit that paused it, {@code null} for a command. */
  void pause(LimitKind by, String reason) {
    Phase from = d.state().phase();
    d.change().pause(from, by);
    d.moveTo(Phase.PAUSED, reason);
  }

  /** Starts (or restarts) the analysis of {@code revision} from its first step. */
  void startAnalysis(String revision, String reason) {
    CanaryState s = d.state();
    String previous = s.revision();
    d.change().pause(null, null).revisions(revision, s.primaryRevision()).step(-1, 0).counters(Counters.ZERO)
        .progressAt(d.now()).gateWaits(Map.of()).lastVerdicts(List.of()).evidence(Map.of());
    d.shiftTo(TrafficSplit.allPrimary(), "analysis restarts from the first step");
    d.act(new Action.Prepare(revision));
    d.emit(new CanaryEvent.AnalysisStarted(d.now(), previous, revision, reason));
    d.remember(reason);
    Phase next = policy.gates(GateType.CONFIRM_ROLLOUT).isEmpty() ? Phase.PROGRESSING : Phase.WAITING;
    d.moveTo(next, reason);
  }
}
