package dev.canary4j;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.mannwhitney.CanaryScorer;
import dev.canary4j.judge.mannwhitney.ScoredMetric;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.policy.Scoring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One tick's analysis: every metric of the policy gets a verdict (a missing one becomes an {@code
 * ERROR}), closed rollout gates count as failures, and the outcome follows the precedence
 * critical failure, failure, provider error, inconclusive, pass. With a {@link Scoring}, the scored
 * metrics' verdicts are kept but only their combined score, one more verdict, counts (their provider
 * errors still count as errors).
 *
 * @param outcome the tick's outcome
 * @param verdicts one verdict per metric of the policy, in policy order, then the score's when scored
 * @param reason a sentence naming what decided the outcome
 */
public record TickAnalysis(AnalysisOutcome outcome, List<Verdict> verdicts, String reason) {

  /**
   * Copies the verdicts.
   *
   * @param outcome the tick's outcome
   * @param verdicts one verdict per metric of the policy, in policy order
   * @param reason a sentence naming what decided the outcome
   */
  public TickAnalysis {
    verdicts = List.copyOf(verdicts);
  }

  /**
   * The analysis of {@code verdicts} under {@code policy}'s metrics, limits aside and gates left out:
   * what a pipeline step that judges a canary once, without a runner, reports.
   *
   * @param policy the policy whose metrics and judge settings apply
   * @param verdicts the metrics' verdicts; a metric without one counts as a provider error
   * @return the analysis, as a tick would judge it
   */
  public static TickAnalysis ofVerdicts(CanaryPolicy policy, List<Verdict> verdicts) {
    return of(policy, verdicts, null);
  }

  static TickAnalysis of(CanaryPolicy policy, Input.Tick tick) {
    return of(policy, tick.verdicts(), tick.gates());
  }

  /** {@code gates} are the answers of the rollout gates, or {@code null} to leave gates out. */
  private static TickAnalysis of(CanaryPolicy policy, List<Verdict> supplied, Map<String, GateResult> gates) {
    Map<String, Verdict> byName = supplied.stream()
        .collect(Collectors.toMap(Verdict::metric, Function.identity(), (a, b) -> a));
    List<Verdict> verdicts = new ArrayList<>();
    List<String> critical = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> inconclusive = new ArrayList<>();
    List<ScoredMetric> scored = new ArrayList<>();
    for (MetricCheck m : policy.analysis().metrics()) {
      Verdict v = byName.get(m.name());
      if (v == null) {
        v = Verdict.error(m.name(), m.critical(), "no verdict was supplied for this tick");
      } else if (m.judge() == null && v.critical() != m.critical()) {
        // A statistical judge decides criticality itself (Kayenta: only past the critical effect
        // size); for thresholds the policy's flag is the truth.
        v = v.withCritical(m.critical());
      }
      verdicts.add(v);
      if (policy.analysis().isScored(m)) {
        scored.add(new ScoredMetric(v, m.judge().groups()));
        if (v.label() == VerdictLabel.ERROR) {
          errors.add(v.metric() + " " + v.label() + ": " + v.reason());
        } else if (v.label().isFailure() && v.guardRail()) {
          classify(v, m.onNoData(), critical, failed, errors, inconclusive); // a broken bound is never outvoted
        }
        continue;
      }
      classify(v, m.onNoData(), critical, failed, errors, inconclusive);
    }
    Scoring scoring = policy.analysis().scoring();
    if (scoring != null && !scored.isEmpty()) {
      Verdict score = scored.stream().allMatch(s -> s.verdict().label() == VerdictLabel.ERROR)
          ? Verdict.error(Scoring.VERDICT_NAME, false, "no scored metric could be measured")
          : CanaryScorer.of(scoring).score(scored).toVerdict(Scoring.VERDICT_NAME);
      verdicts.add(score);
      if (score.label() != VerdictLabel.ERROR) {
        // The metrics' errors are already counted; a score without any measured metric adds nothing.
        classify(score, scoring.onMarginal(), critical, failed, errors, inconclusive);
      }
    }
    for (GateSpec g : gates == null ? List.<GateSpec>of() : policy.gates(GateType.ROLLOUT)) {
      GateResult answer = gates.get(g.name());
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

  /** Files a verdict under the outcome it argues for; {@code onNoData} says what NO_DATA does. */
  private static void classify(Verdict v, NoDataPolicy onNoData, List<String> critical, List<String> failed,
      List<String> errors, List<String> inconclusive) {
    String line = v.metric() + " " + v.label() + ": " + v.reason();
    VerdictLabel label = v.label();
    if (label.isFailure() || label == VerdictLabel.NO_DATA && onNoData == NoDataPolicy.FAIL) {
      (v.critical() ? critical : failed).add(line);
    } else if (label == VerdictLabel.ERROR) {
      errors.add(line);
    } else if (label == VerdictLabel.NO_DATA && onNoData == NoDataPolicy.INCONCLUSIVE) {
      inconclusive.add(line);
    }
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
