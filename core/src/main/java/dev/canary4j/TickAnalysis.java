package dev.canary4j;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.NoDataPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One tick's analysis: every metric of the policy gets a verdict (a missing one becomes an {@code
 * ERROR}), closed rollout gates count as failures, and the outcome follows the precedence
 * critical failure, failure, provider error, inconclusive, pass.
 *
 * @param outcome the tick's outcome
 * @param verdicts one verdict per metric of the policy, in policy order
 * @param reason a sentence naming what decided the outcome
 */
record TickAnalysis(AnalysisOutcome outcome, List<Verdict> verdicts, String reason) {

  static TickAnalysis of(CanaryPolicy policy, Input.Tick tick) {
    Map<String, Verdict> byName = tick.verdicts().stream()
        .collect(Collectors.toMap(Verdict::metric, Function.identity(), (a, b) -> a));
    List<Verdict> verdicts = new ArrayList<>();
    List<String> critical = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> inconclusive = new ArrayList<>();
    for (MetricCheck m : policy.analysis().metrics()) {
      Verdict v = byName.get(m.name());
      if (v == null) {
        v = Verdict.error(m.name(), m.critical(), "no verdict was supplied for this tick");
      } else if (m.judge() == null && v.critical() != m.critical()) {
        // A statistical judge decides criticality itself (Kayenta: only past the critical effect
        // size); for thresholds the policy's flag is the truth.
        v = new Verdict(v.metric(), v.label(), v.canary(), v.primary(), v.threshold(), v.reason(), m.critical(), v.statistics());
      }
      verdicts.add(v);
      String line = v.metric() + " " + v.label() + ": " + v.reason();
      VerdictLabel label = v.label();
      boolean noDataFails = label == VerdictLabel.NO_DATA && m.onNoData() == NoDataPolicy.FAIL;
      if (label.isFailure() || noDataFails) {
        (v.critical() ? critical : failed).add(line);
      } else if (label == VerdictLabel.ERROR) {
        errors.add(line);
      } else if (label == VerdictLabel.NO_DATA && m.onNoData() == NoDataPolicy.INCONCLUSIVE) {
        inconclusive.add(line);
      }
    }
    for (GateSpec g : policy.gates(GateType.ROLLOUT)) {
      GateResult answer = tick.gates().get(g.name());
      if (answer == null || !answer.open()) {
        failed.add("rollout gate " + g.name() + " is closed: " + (answer == null ? "no answer" : answer.message()));
      }
    }
    if (!critical.isEmpty()) {
      return new TickAnalysis(AnalysisOutcome.CRITICAL_FAIL, verdicts, "critical " + String.join("; ", critical));
    }
    if (!failed.isEmpty()) {
      return new TickAnalysis(AnalysisOutcome.FAIL, verdicts, String.join("; ", failed));
    }
    if (!errors.isEmpty()) {
      return new TickAnalysis(AnalysisOutcome.ERROR, verdicts, String.join("; ", errors));
    }
    if (!inconclusive.isEmpty()) {
      return new TickAnalysis(AnalysisOutcome.INCONCLUSIVE, verdicts, String.join("; ", inconclusive));
    }
    return new TickAnalysis(AnalysisOutcome.PASS, verdicts, verdicts.isEmpty()
        ? "no metrics to judge" : "all " + verdicts.size() + " metric(s) passed");
  }

  Counters count(Counters c) {
    return switch (outcome) {
      case PASS -> c.passed();
      case FAIL, CRITICAL_FAIL -> c.failed();
      case ERROR -> c.withError();
      case INCONCLUSIVE -> c.withInconclusive();
    };
  }
}
