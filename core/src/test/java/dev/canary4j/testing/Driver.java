package dev.canary4j.testing;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.CanaryMachine;
import dev.canary4j.CanaryState;
import dev.canary4j.Decision;
import dev.canary4j.GateResult;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.Readiness;
import dev.canary4j.WorkloadReadiness;
import dev.canary4j.TickPlan;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.MetricCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Drives the machine tick by tick with scripted verdicts and gate answers, recording every decision. */
public final class Driver {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final CanaryPolicy policy;
  private CanaryState state = CanaryState.initial();
  private Instant now = T0;
  private final List<Decision> decisions = new ArrayList<>();
  private final Map<String, GateResult> gateAnswers = new HashMap<>();
  private VerdictLabel nextLabel = VerdictLabel.PASS;
  private WorkloadReadiness readiness = WorkloadReadiness.allReady();

  public Driver(CanaryPolicy policy) {
    this.policy = policy;
  }

  /** A driver whose canary already has a primary revision {@code v1} and a new revision {@code v2}. */
  public static Driver started(CanaryPolicy policy) {
    Driver d = new Driver(policy);
    d.send(new Input.RevisionObserved("v1"));
    d.send(new Input.RevisionObserved("v2"));
    return d;
  }

  public Decision send(Input input) {
    Decision decision = CanaryMachine.decide(policy, state, input, now);
    decisions.add(decision);
    state = decision.state();
    return decision;
  }

  /** Every metric the plan asks for gets {@code label}; every planned gate gets its scripted answer. */
  public Decision tick(VerdictLabel label) {
    now = now.plus(policy.analysis().tickInterval());
    TickPlan plan = CanaryMachine.plan(policy, state);
    List<Verdict> verdicts = new ArrayList<>();
    for (MetricCheck m : plan.metrics()) {
      verdicts.add(Verdict.of(m.name(), label, label == VerdictLabel.NO_DATA ? null : 1.0, 1.0, "t", "scripted " + label, m.critical()));
    }
    Map<String, GateResult> gates = new HashMap<>();
    for (GateSpec g : plan.gates()) {
      GateResult answer = gateAnswers.get(g.name());
      if (answer != null) {
        gates.put(g.name(), answer);
      }
    }
    return send(new Input.Tick(verdicts, gates, Map.of(), readiness));
  }

  public Decision tick() {
    return tick(nextLabel);
  }

  public Decision tick(List<Verdict> verdicts) {
    now = now.plus(policy.analysis().tickInterval());
    return send(new Input.Tick(verdicts, new HashMap<>(gateAnswers), Map.of(), readiness));
  }

  /** The readiness every following tick reports. */
  public Driver readiness(Readiness canary, Readiness primary) {
    this.readiness = new WorkloadReadiness(canary, primary);
    return this;
  }

  public Driver labels(VerdictLabel label) {
    this.nextLabel = label;
    return this;
  }

  public Driver gate(String name, boolean open) {
    gateAnswers.put(name, new GateResult(open, open ? "approved" : "not yet"));
    return this;
  }

  public Driver noAnswer(String name) {
    gateAnswers.remove(name);
    return this;
  }

  public Driver advance(Duration d) {
    now = now.plus(d);
    return this;
  }

  /** Ticks until the phase is terminal or {@code max} ticks passed; returns the canary weight of each tick. */
  public List<Integer> runToEnd(int max) {
    List<Integer> weights = new ArrayList<>();
    for (int i = 0; i < max && state.phase().isActive(); i++) {
      tick();
      weights.add(state.split().canary());
    }
    return weights;
  }

  public CanaryState state() {
    return state;
  }

  public Phase phase() {
    return state.phase();
  }

  public int canaryWeight() {
    return state.split().canary();
  }

  public Instant now() {
    return now;
  }

  public List<Decision> decisions() {
    return decisions;
  }

  public Decision last() {
    return decisions.get(decisions.size() - 1);
  }

  public List<Action> allActions() {
    return decisions.stream().flatMap(x -> x.actions().stream()).toList();
  }

  public List<CanaryEvent> allEvents() {
    return decisions.stream().flatMap(x -> x.events().stream()).toList();
  }

  public <E extends CanaryEvent> List<E> events(Class<E> type) {
    return allEvents().stream().filter(type::isInstance).map(type::cast).toList();
  }
}
