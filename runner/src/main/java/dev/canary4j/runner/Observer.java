package dev.canary4j.runner;

import dev.canary4j.CanaryState;
import dev.canary4j.GateResult;
import dev.canary4j.gate.ManualGates;
import dev.canary4j.analysis.MetricJudges;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.ErrorText;
import dev.canary4j.spi.Gate;
import dev.canary4j.spi.GateRequest;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.MetricSource;
import dev.canary4j.Readiness;
import dev.canary4j.WorkloadReadiness;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.Workloads;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gathers a tick's observations: measures and judges the planned metrics and asks the planned gates.
 * Failures become data for the machine (an {@code ERROR} verdict, a closed gate), never a failed tick.
 */
final class Observer {

  private final MetricSource metrics;
  private final Workloads workloads;
  private final Gate webhookGate;
  private final ManualGates manualGates;
  private final RemoteCalls calls;

  Observer(MetricSource metrics, Workloads workloads, Gate webhookGate, ManualGates manualGates, RemoteCalls calls) {
    this.metrics = metrics;
    this.workloads = workloads;
    this.webhookGate = webhookGate;
    this.manualGates = manualGates;
    this.calls = calls;
  }

  /** What a tick measured: one verdict per planned metric, in plan order, and the sequential judge's evidence. */
  record Observations(List<Verdict> verdicts, Map<String, SequentialEvidence> evidence) {}

  /** Measures and judges every planned metric; the sequential judge continues from {@code state}'s evidence. */
  Observations measure(CanaryPolicy policy, CanaryState state, List<MetricCheck> planned, Instant now) {
    List<Verdict> verdicts = new ArrayList<>(planned.size());
    Map<String, SequentialEvidence> evidence = new LinkedHashMap<>();
    for (MetricCheck check : planned) {
      SequentialEvidence before = state.evidence().getOrDefault(check.name(), SequentialEvidence.none());
      MetricJudges.Judged judged = judge(policy, check, before, now);
      verdicts.add(judged.verdict());
      if (judged.evidence() != null) {
        evidence.put(check.name(), judged.evidence());
      }
    }
    return new Observations(verdicts, evidence);
  }

  private MetricJudges.Judged judge(CanaryPolicy policy, MetricCheck check, SequentialEvidence before, Instant now) {
    if (!MetricJudges.supports(check)) {
      return new MetricJudges.Judged(Verdict.error(check.name(), check.critical(), "the judge '"
          + check.judge().judgeName() + "' is not supported by this runner (known: mann-whitney, sequential)"), null);
    }
    MetricQuery query = MetricJudges.queryAt(policy, check, now);
    try {
      MetricObservation seen = calls.call(policy.target().id(), "metric source", "measuring " + check.name(),
          () -> Objects.requireNonNull(metrics.measure(query), "the metric source returned no observation (null)"));
      return MetricJudges.judge(check, seen, before);
    } catch (AdapterException e) {
      return new MetricJudges.Judged(Verdict.error(check.name(), check.critical(), "the metric source failed ("
          + (e.isTransient() ? "transient" : "permanent") + "): " + ErrorText.cap(String.valueOf(e.getMessage()),
          RemoteCalls.MAX_REASON)), null);
    }
  }

  /**
   * The readiness of the canary (for the revision under analysis) and of the primary (for the
   * revision it should run). A workloads API that cannot be reached reports not ready, so that an
   * outage holds the rollout instead of sending traffic to a canary nobody has seen ready.
   */
  WorkloadReadiness readiness(CanaryPolicy policy, CanaryState state) {
    if (!state.phase().isActive() || state.revision() == null) {
      return WorkloadReadiness.allReady(); // nothing is rolling out, so nothing waits on readiness
    }
    Target target = policy.target();
    return new WorkloadReadiness(
        readinessOf(target.id(), "canary", () -> workloads.canaryReadiness(target, state.revision())),
        readinessOf(target.id(), "primary", () -> workloads.primaryReadiness(target, state.primaryRevision())));
  }

  private Readiness readinessOf(String canaryId, String workload, Supplier<Readiness> ask) {
    try {
      return Objects.requireNonNullElseGet(calls.call(canaryId, "workloads", "reading the " + workload + "'s readiness", ask::get),
          () -> Readiness.notReady("the workloads reported no readiness (null)"));
    } catch (AdapterException e) {
      return Readiness.notReady("its readiness could not be read: " + e.getMessage());
    }
  }

  /** Drops the manual answers of canary {@code canaryId}: a new analysis is approved afresh. */
  void analysisStarted(String canaryId) {
    manualGates.forget(canaryId);
  }

  /** Records a manual answer for gate {@code gate} of canary {@code canaryId} at {@code revision}. */
  void answer(String canaryId, String gate, String revision, GateResult result) {
    manualGates.answer(canaryId, gate, revision, result);
  }

  /** The answers of the planned gates, by name; a manual gate without an answer is left out (closed). */
  Map<String, GateResult> ask(String canaryId, CanaryPolicy policy, CanaryState state, List<GateSpec> planned) {
    Map<String, GateResult> answers = new LinkedHashMap<>();
    for (GateSpec gate : planned) {
      if (gate.isManual()) {
        manualGates.answerFor(canaryId, gate.name(), state.revision()).ifPresent(r -> answers.put(gate.name(), r));
      } else {
        answers.put(gate.name(), call(policy, state, gate));
      }
    }
    return answers;
  }

  /**
   * Calls a webhook gate, with the gate's own number of retries; a failure to reach it is a closed
   * answer naming the failure. Each canary's gate has its own circuit breaker: gates of the same
   * name in other policies may call other hosts.
   */
  GateResult call(CanaryPolicy policy, CanaryState state, GateSpec gate) {
    GateRequest request = new GateRequest(policy.target(), gate, state.phase(), state.revision(), state.step(),
        state.split());
    try {
      String adapter = "gate " + gate.name() + " of " + policy.target().namespace() + "/" + policy.target().name();
      return calls.call(policy.target().id(), adapter, "calling gate " + gate.name(), gate.retries() + 1,
          () -> webhookGate.check(request));
    } catch (AdapterException e) {
      return GateResult.closed("gate " + gate.name() + " failed: "
          + ErrorText.cap(String.valueOf(e.getMessage()), RemoteCalls.MAX_REASON));
    }
  }
}
