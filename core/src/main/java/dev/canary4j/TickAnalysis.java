package dev.canary4j;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.mannwhitney.CanaryScorer;
import dev.canary4j.judge.mannwhitney.ScoredMetric;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.policy.Scoring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
    return of(policy, verdicts, null, null);
  }

  /**
   * The analysis of a tick: {@code supplied} verdicts, and the {@code answers} of the {@code rolloutGates},
   * by gate name; {@code null} gates and answers leave the gates out.
   */
  static TickAnalysis of(CanaryPolicy policy, List<Verdict> supplied, List<GateSpec> rolloutGates,
      Map<String, GateResult> answers) {
    List<MetricCheck> metrics = policy.analysis().metrics();
    Scoring scoring = policy.analysis().scoring();
    Verdict[] verdicts = new Verdict[metrics.size() + (scoring == null ? 0 : 1)];
    // The supplied list itself is the analysis's when it holds exactly the policy's verdicts in order.
    boolean asSupplied = scoring == null && supplied.size() == metrics.size();
    Findings findings = new Findings();
    List<ScoredMetric> scored = null;
    for (int i = 0; i < metrics.size(); i++) {
      MetricCheck m = metrics.get(i);
      Verdict v = find(supplied, m.name());
      if (v == null) {
        v = Verdict.error(m.name(), m.critical(), "no verdict was supplied for this tick");
      } else if (m.judge() == null && v.critical() != m.critical()) {
        // A statistical judge decides criticality itself (Kayenta: only past the critical effect
        // size); for thresholds the policy's flag is the truth.
        v = v.withCritical(m.critical());
      }
      verdicts[i] = v;
      asSupplied = asSupplied && v == supplied.get(i);
      if (policy.analysis().isScored(m)) {
        scored = scored == null ? new ArrayList<>() : scored;
        scored.add(new ScoredMetric(v, m.judge().groups()));
        if (v.label() == VerdictLabel.ERROR) {
          findings.errors = add(findings.errors, v.metric() + " " + v.label() + ": " + v.reason());
        } else if (v.label().isFailure() && v.guardRail()) {
          findings.classify(v, m.onNoData()); // a broken bound is never outvoted
        }
        continue;
      }
      findings.classify(v, m.onNoData());
    }
    int count = metrics.size();
    if (scoring != null && scored != null) {
      Verdict score = allErrors(scored)
          ? Verdict.error(Scoring.VERDICT_NAME, false, "no scored metric could be measured")
          : CanaryScorer.of(scoring).score(scored).toVerdict(Scoring.VERDICT_NAME);
      verdicts[count++] = score;
      if (score.label() != VerdictLabel.ERROR) {
        // The metrics' errors are already counted; a score without any measured metric adds nothing.
        findings.classify(score, scoring.onMarginal());
      }
    }
    if (rolloutGates != null) {
      for (GateSpec g : rolloutGates) {
        GateResult answer = answers.get(g.name());
        if (answer == null || !answer.open()) {
          findings.failed = add(findings.failed,
              "rollout gate " + g.name() + " is closed: " + (answer == null ? "no answer" : answer.message()));
        }
      }
    }
    List<Verdict> judged = asSupplied ? supplied : List.of(count == verdicts.length ? verdicts : Arrays.copyOf(verdicts, count));
    if (findings.critical != null) {
      return new TickAnalysis(AnalysisOutcome.CRITICAL_FAIL, judged, "critical " + String.join("; ", findings.critical));
    }
    if (findings.failed != null) {
      return new TickAnalysis(AnalysisOutcome.FAIL, judged, String.join("; ", findings.failed));
    }
    if (findings.errors != null) {
      return new TickAnalysis(AnalysisOutcome.ERROR, judged, String.join("; ", findings.errors));
    }
    if (findings.inconclusive != null) {
      return new TickAnalysis(AnalysisOutcome.INCONCLUSIVE, judged, String.join("; ", findings.inconclusive));
    }
    return new TickAnalysis(AnalysisOutcome.PASS, judged, judged.isEmpty()
        ? "no metrics to judge" : "all " + judged.size() + " metric(s) passed");
  }

  /** The first verdict for {@code metric}, or {@code null}. */
  private static Verdict find(List<Verdict> supplied, String metric) {
    for (Verdict v : supplied) {
      if (v.metric().equals(metric)) {
        return v;
      }
    }
    return null;
  }

  private static boolean allErrors(List<ScoredMetric> scored) {
    for (ScoredMetric s : scored) {
      if (s.verdict().label() != VerdictLabel.ERROR) {
        return false;
      }
    }
    return true;
  }

  private static List<String> add(List<String> lines, String line) {
    List<String> to = lines == null ? new ArrayList<>(2) : lines;
    to.add(line);
    return to;
  }

  /** The lines of the verdicts that argue for each outcome but a pass; a list stays {@code null} until it has one. */
  private static final class Findings {
    List<String> critical;
    List<String> failed;
    List<String> errors;
    List<String> inconclusive;

    /** Files a verdict under the outcome it argues for; {@code onNoData} says what NO_DATA does. */
    void classify(Verdict v, NoDataPolicy onNoData) {
      VerdictLabel label = v.label();
      if (label.isFailure() || label == VerdictLabel.NO_DATA && onNoData == NoDataPolicy.FAIL) {
        if (v.critical()) {
          critical = add(critical, line(v));
        } else {
          failed = add(failed, line(v));
        }
      } else if (label == VerdictLabel.ERROR) {
        errors = add(errors, line(v));
      } else if (label == VerdictLabel.NO_DATA && onNoData == NoDataPolicy.INCONCLUSIVE) {
        inconclusive = add(inconclusive, line(v));
      }
    }

    private static String line(Verdict v) {
      return v.metric() + " " + v.label() + ": " + v.reason();
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
