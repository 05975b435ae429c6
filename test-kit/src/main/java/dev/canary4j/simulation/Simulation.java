package dev.canary4j.simulation;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.GateResult;
import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.runner.CallPolicy;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.CanaryStatus;
import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.runner.RunnerListener;
import dev.canary4j.runner.SameThreadExecutor;
import dev.canary4j.timeline.TimelineEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a policy against a {@link Scenario} with the real runner and machine on simulated time and
 * in-memory adapters, and returns the {@link Timeline}. Deterministic: the same policy, scenario and
 * seed give the same timeline. Runs on the calling thread; no thread is started.
 */
public final class Simulation {

  private Simulation() {}

  /**
   * Runs {@code policy} through {@code scenario}; throws {@link IllegalArgumentException} naming every
   * gate and scripted metric of the scenario that the policy does not have.
   *
   * @param policy the policy under test
   * @param scenario what happens during the run
   * @return what each tick did
   */
  public static Timeline run(CanaryPolicy policy, Scenario scenario) {
    return run(policy, scenario, event -> { });
  }

  /**
   * Runs {@code policy} through {@code scenario} as {@link #run(CanaryPolicy, Scenario)} does, and
   * hands every event of the runner to {@code listener} as well (a {@code DecisionLog}, for example).
   *
   * @param policy the policy under test
   * @param scenario what happens during the run
   * @param listener receives every runner event as well; not {@code null}
   * @return what each tick did
   */
  public static Timeline run(CanaryPolicy policy, Scenario scenario, RunnerListener listener) {
    checkNames(policy, scenario);
    SimulatedClock clock = new SimulatedClock(scenario.start());
    InMemoryRouter router = new InMemoryRouter();
    ScenarioMetrics metrics = new ScenarioMetrics(scenario, router);
    ScenarioGates gates = new ScenarioGates(scenario);
    List<RunnerEvent> seen = new ArrayList<>();
    InMemoryWorkloads workloads = new InMemoryWorkloads();
    CanaryRunner runner = CanaryRunner.builder().clock(clock).router(router).metrics(metrics)
        .workloads(workloads).webhookGate(gates)
        .callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO))
        .callExecutor(new SameThreadExecutor()).listener(seen::add).listener(listener).build();
    String id = runner.register(policy);
    runner.observeRevision(id, scenario.primaryRevision());
    List<TimelineTick> ticks = new ArrayList<>();
    for (int tick = 1; tick <= scenario.ticks(); tick++) {
      if (tick > 1) {
        clock.advance(policy.analysis().tickInterval());
      }
      seen.clear();
      metrics.nextTick();
      gates.tick(tick);
      applyScripted(runner, id, policy, scenario, tick);
      for (Scenario.ReadinessChange r : scenario.readiness()) {
        if (r.tick() == tick && r.workload().equals("canary")) {
          workloads.setCanaryReadiness(policy.target(), r.readiness());
        } else if (r.tick() == tick) {
          workloads.setPrimaryReadiness(policy.target(), r.readiness());
        }
      }
      runner.tick(id);
      ticks.add(record(tick, clock, runner.status(id), seen));
      if (runner.status(id).phase().isTerminal() && tick >= scenario.lastScriptedTick()) {
        break;
      }
    }
    runner.close();
    return new Timeline(scenario.name(), scenario.seed(), ticks);
  }

  private static void applyScripted(CanaryRunner runner, String id, CanaryPolicy policy, Scenario scenario, int tick) {
    for (Scenario.RevisionChange r : scenario.revisions()) {
      if (r.tick() == tick) {
        runner.observeRevision(id, r.revision());
      }
    }
    for (Scenario.GateAnswer a : scenario.gates()) {
      if (a.tick() == tick && policy.gate(a.gate()).map(GateSpec::isManual).orElse(false)) {
        runner.answerGate(id, a.gate(), a.open(), a.message());
      }
    }
    for (Scenario.ManualCommand c : scenario.commands()) {
      if (c.tick() == tick) {
        runner.command(id, c.command(), c.reason());
      }
    }
  }

  static TimelineTick record(int tick, SimulatedClock clock, CanaryStatus status, List<RunnerEvent> seen) {
    List<Verdict> verdicts = List.of();
    Map<String, GateResult> gates = new LinkedHashMap<>();
    List<Action> actions = new ArrayList<>();
    List<CanaryEvent> events = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    for (RunnerEvent e : seen) {
      if (e instanceof RunnerEvent.Decided d) {
        inputs.add(TimelineEntry.describe(d.input()));
        if (!d.verdicts().isEmpty()) {
          verdicts = d.verdicts();
        }
        gates.putAll(d.gates());
        actions.addAll(d.actions().subList(0, d.performed()));
        events.addAll(d.events());
      } else if (e instanceof RunnerEvent.ActionsReapplied r) {
        actions.addAll(r.actions());
      }
    }
    Phase phase = status.phase();
    return new TimelineTick(tick, clock.instant(), phase, status.split(), status.revision(), status.step(),
        status.counters(), inputs, verdicts, gates, actions, events);
  }

  private static void checkNames(CanaryPolicy policy, Scenario scenario) {
    List<String> problems = new ArrayList<>();
    List<String> metricNames = policy.analysis().metrics().stream().map(m -> m.name()).toList();
    for (String metric : scenario.metrics().keySet()) {
      if (!metricNames.contains(metric)) {
        problems.add("metrics." + metric + ": must name a metric of the policy (" + String.join(", ", metricNames)
            + "), but was " + metric);
      }
    }
    for (int i = 0; i < scenario.gates().size(); i++) {
      String gate = scenario.gates().get(i).gate();
      Optional<GateSpec> spec = policy.gate(gate);
      if (spec.isEmpty()) {
        problems.add("gates[" + i + "].gate: must name a gate of the policy (" + String.join(", ",
            policy.gates().stream().map(GateSpec::name).toList()) + "), but was " + gate);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }
}
