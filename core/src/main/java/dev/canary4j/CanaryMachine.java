package dev.canary4j;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.MetricCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The canary state machine: a pure function from a policy, a state, an input and the time to a
 * {@link Decision}. No I/O, no clock reads, no randomness; the same arguments give the same decision.
 *
 * <p>A host drives it in ticks: {@link #plan} says which metrics to measure and which gates to ask,
 * the host observes them and passes an {@link Input.Tick}; revisions, the router's split and manual
 * commands are passed whenever they are observed. The rules, where they differ from the peers:
 * <ul>
 *   <li>Every metric is judged every tick and every verdict kept; {@code NO_DATA} is handled by the
 *       metric's policy (fail, inconclusive: hold the step, or ignore).</li>
 *   <li>A limit acts in the tick that reaches it; a critical failure rolls back at once.</li>
 *   <li>Manual commands are answered in every phase, with an event saying what they did or why not.</li>
 *   <li>Waiting gates time out; a rollback gate is heard in every analysing phase, paused included.</li>
 *   <li>A new revision (or configuration fingerprint) restarts the analysis from the first step.</li>
 *   <li>While waiting for confirm-promotion the analysis keeps running and can still roll back.</li>
 * </ul>
 */
public final class CanaryMachine {

  private CanaryMachine() {}

  /**
   * Decides what {@code input} at {@code now} does to {@code state} under {@code policy}.
   *
   * @param policy the canary's policy
   * @param state the state after the last decision, {@link CanaryState#initial()} at first
   * @param input what the machine is told
   * @param now the decision's time, which the machine never reads itself
   * @return the new state, the actions to perform in order and the events that explain them
   */
  public static Decision decide(CanaryPolicy policy, CanaryState state, Input input, Instant now) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(now, "now");
    DecisionDraft d = new DecisionDraft(state, now);
    Rollout rollout = new Rollout(policy, d);
    if (input instanceof Input.Tick tick) {
      rollout.tick(tick);
    } else if (input instanceof Input.RevisionObserved revision) {
      revision(rollout, d, revision.fingerprint());
    } else if (input instanceof Input.RouterObserved router) {
      if (state.phase() != Phase.INITIALIZING && !router.split().equals(state.split())) {
        d.act(new Action.SetTraffic(state.split()));
        d.emit(new CanaryEvent.TrafficDriftCorrected(now, router.split(), state.split(),
            "the router applies " + router.split() + " but the canary's state says " + state.split()));
      }
    } else if (input instanceof Input.Manual manual) {
      Commands.handle(rollout, d, manual);
    }
    return d.build();
  }

  private static void revision(Rollout rollout, DecisionDraft d, String fingerprint) {
    CanaryState s = d.state();
    if (s.phase() == Phase.INITIALIZING) {
      d.update(s.withRevisions(fingerprint, fingerprint));
      d.moveTo(Phase.INITIALIZED, "first revision " + fingerprint + " is the primary");
      d.act(new Action.SetTraffic(TrafficSplit.allPrimary()));
    } else if (fingerprint.equals(s.revision())) {
      return;
    } else if (fingerprint.equals(s.primaryRevision())) {
      Phase analysing = s.phase() == Phase.PAUSED && s.resumePhase() != null ? s.resumePhase() : s.phase();
      d.update(s.withRevisions(fingerprint, fingerprint).withStep(-1, 0).withPause(null, null));
      d.shiftTo(TrafficSplit.allPrimary(), "the canary runs the primary's revision again");
      d.moveTo(Phase.INITIALIZED, "revision " + fingerprint + " is what the primary runs; nothing to analyse");
      if (analysing.canRollBack() && s.revision() != null) {
        // The analysis had the canary scaled up; with nothing left to analyse it goes down again.
        d.act(new Action.RollBack(s.revision(), "the canary runs the primary's revision " + fingerprint + " again"));
      }
    } else {
      rollout.startAnalysis(fingerprint, s.revision() == null || !s.phase().isActive()
          ? "new revision " + fingerprint
          : "new revision " + fingerprint + " replaces " + s.revision() + " under analysis");
    }
  }

  /**
   * What to measure and which gates to ask before the next tick, given the current state.
   *
   * @param policy the canary's policy
   * @param state the current state
   * @return the metrics to measure (none when no analysis is due) and the gates to ask
   */
  public static TickPlan plan(CanaryPolicy policy, CanaryState state) {
    List<GateSpec> gates = new ArrayList<>();
    Phase phase = state.phase();
    boolean paused = phase == Phase.PAUSED;
    Phase analysisPhase = paused ? state.resumePhase() : phase;
    if (analysisPhase != null && analysisPhase.canRollBack()) {
      gates.addAll(policy.gates(GateType.ROLLBACK));
    }
    List<MetricCheck> metrics = List.of();
    if (!paused) {
      int last = Steps.lastStep(policy.strategy());
      switch (phase) {
        case WAITING -> gates.addAll(policy.gates(GateType.CONFIRM_ROLLOUT));
        case PROGRESSING -> {
          if (state.step() < 0) {
            gates.addAll(policy.gates(GateType.PRE_ROLLOUT));
          } else {
            metrics = policy.analysis().metrics();
            gates.addAll(policy.gates(GateType.ROLLOUT));
            gates.addAll(policy.gates(state.step() < last ? GateType.CONFIRM_TRAFFIC_INCREASE : GateType.CONFIRM_PROMOTION));
          }
        }
        case WAITING_PROMOTION -> {
          metrics = policy.analysis().metrics();
          gates.addAll(policy.gates(GateType.ROLLOUT));
          gates.addAll(policy.gates(GateType.CONFIRM_PROMOTION));
        }
        default -> { }
      }
    }
    return new TickPlan(metrics, gates);
  }
}
