package dev.canary4j;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
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
      d.change().revisions(fingerprint, fingerprint);
      d.moveTo(Phase.INITIALIZED, "first revision " + fingerprint + " is the primary");
      d.act(new Action.SetTraffic(TrafficSplit.allPrimary()));
    } else if (fingerprint.equals(s.revision())) {
      return;
    } else if (fingerprint.equals(s.primaryRevision())) {
      Phase analysing = s.analysisPhase();
      d.change().revisions(fingerprint, fingerprint).step(-1, 0).pause(null, null);
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
   * What to measure and which gates to ask before the next tick, given the current state; a tick
   * evaluates no gate but these ({@link PhaseGates} is the table both read).
   *
   * @param policy the canary's policy
   * @param state the current state
   * @return the metrics to measure (none when no analysis is due) and the gates to ask
   */
  public static TickPlan plan(CanaryPolicy policy, CanaryState state) {
    PhaseGates planned = PhaseGates.of(state, Steps.lastStep(policy.strategy()));
    List<GateSpec> gates = new ArrayList<>();
    for (GateType type : planned.types()) {
      gates.addAll(policy.gates(type));
    }
    return new TickPlan(planned.analyses() ? policy.analysis().metrics() : List.of(), gates);
  }

  /**
   * The actions a stored state implies, for a host that resumes from it after a restart: the run that
   * stored it may have stopped before performing them, and performing them again is harmless. They are
   * the workload change of the phase (the canary prepared during an analysis, promotion before the
   * traffic moves to the primary, scale-down after, and after a revert to the primary's revision) and
   * the stored weights.
   *
   * @param state the stored state to resume from; not {@code null}
   * @return the actions to perform again, in order, the workload change first and the weights last
   */
  public static List<Action> resume(CanaryState state) {
    Objects.requireNonNull(state, "state");
    Phase phase = state.analysisPhase();
    String revision = state.revision();
    List<Action> actions = new ArrayList<>();
    boolean promoted = phase == Phase.PROMOTING || phase == Phase.FINALISING || phase == Phase.SUCCEEDED;
    if ((phase.canRollBack() || state.split().canary() > 0) && revision != null) {
      // A blue/green promotion keeps traffic on the canary, which must run before traffic is set.
      actions.add(new Action.Prepare(revision));
    }
    if (promoted && revision != null) {
      actions.add(new Action.Promote(revision));
    }
    actions.add(new Action.SetTraffic(state.split()));
    if ((phase == Phase.FINALISING || phase == Phase.SUCCEEDED) && revision != null) {
      actions.add(new Action.Finalise(revision));
    }
    if ((phase == Phase.FAILED || phase == Phase.ABORTED) && revision != null) {
      actions.add(new Action.RollBack(revision, "resumed after a restart"));
    }
    if (phase == Phase.INITIALIZED && revision != null && state.history().stream()
        .anyMatch(h -> h.phase() != Phase.INITIALIZING && h.phase() != Phase.INITIALIZED)) {
      // INITIALIZED after an analysis means the canary reverted to the primary's revision; the
      // scale-down that decision asked for may not have happened.
      actions.add(new Action.RollBack(revision, "resumed after a restart: the canary runs the primary's revision"));
    }
    return List.copyOf(actions);
  }
}
