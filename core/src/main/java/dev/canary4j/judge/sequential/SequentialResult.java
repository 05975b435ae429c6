package dev.canary4j.judge.sequential;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One tick's outcome of the {@link SequentialJudge}: the new evidence to carry, the decision and why.
 *
 * @param evidence the evidence after this tick; pass it to the next call
 * @param config the configuration applied
 * @param before the decision before this tick
 * @param note why, when the tick did not test anything (for example while a latency bound is fixed);
 *     {@code null} when the reason follows from the evidence
 */
public record SequentialResult(SequentialEvidence evidence, SequentialConfig config, SequentialDecision before,
    String note) {

  /**
   * Checks that evidence, config and the decision before are given.
   *
   * @param evidence the evidence after this tick; not {@code null}
   * @param config the configuration applied; not {@code null}
   * @param before the decision before this tick; not {@code null}
   * @param note why the tick tested nothing, or {@code null}
   */
  public SequentialResult {
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(before, "before");
  }

  /**
   * A sentence a person can act on; built on demand, since simulations call the judge millions of times.
   *
   * @return the reason
   */
  public String reason() {
    return note != null ? note : SequentialJudge.reason(config, evidence, before);
  }

  /**
   * Where the test stands.
   *
   * @return the evidence's decision
   */
  public SequentialDecision decision() {
    return evidence.decision();
  }

  /**
   * The canary's bad-request rate so far, NaN before any request.
   *
   * @return bad requests over requests, 0 to 1, or NaN
   */
  public double canaryRate() {
    return (double) evidence.canaryBad() / evidence.canaryRequests();
  }

  /**
   * The primary's bad-request rate so far, NaN before any request.
   *
   * @return bad requests over requests, 0 to 1, or NaN
   */
  public double primaryRate() {
    return (double) evidence.primaryBad() / evidence.primaryRequests();
  }

  /**
   * The verdict for the state machine: FAIL is {@code FAIL_HIGH}, PASS passes, and an undecided test
   * passes (keep stepping) or is {@code NO_DATA} (hold the step), as configured.
   *
   * @param metric the metric's name
   * @param critical whether the metric is critical
   * @return the verdict, with the e-values and counts among its statistics
   */
  public Verdict toVerdict(String metric, boolean critical) {
    VerdictLabel label = switch (decision()) {
      case FAIL -> VerdictLabel.FAIL_HIGH;
      case PASS -> VerdictLabel.PASS;
      case CONTINUE -> config.whileUndecided() == SequentialConfig.WhileUndecided.HOLD ? VerdictLabel.NO_DATA : VerdictLabel.PASS;
    };
    Map<String, Double> s = new LinkedHashMap<>();
    if (decision() == SequentialDecision.CONTINUE && config.whileUndecided() == SequentialConfig.WhileUndecided.HOLD_PROMOTION) {
      s.put(Verdict.HOLDS_PROMOTION, 1.0);
    }
    if (config.twoSided()) {
      s.put("logLikelihoodRatio", evidence.logRatio());
      s.put("failAt", Math.log(1 / config.alpha()));
      s.put("acceptAt", -Math.log(1 / config.beta()));
      s.put("detectRatio", SequentialJudge.detectRatio(config, evidence));
    }
    s.put("eValueAgainst", evidence.eValueAgainst());
    s.put("eValueFor", evidence.eValueFor());
    s.put("eValueThreshold", 1 / config.alpha());
    s.put("acceptableRatio", config.acceptableRatio());
    s.put("canaryRequests", (double) evidence.canaryRequests());
    s.put("canaryBad", (double) evidence.canaryBad());
    s.put("primaryRequests", (double) evidence.primaryRequests());
    s.put("primaryBad", (double) evidence.primaryBad());
    putFinite(s, "canaryRate", canaryRate());
    putFinite(s, "primaryRate", primaryRate());
    putFinite(s, "rateRatio", canaryRate() / primaryRate());
    putFinite(s, "bound", evidence.bound());
    return new Verdict(metric, label, finite(canaryRate()), finite(primaryRate()),
        "bad-request rate <= " + SequentialJudge.fmt(config.acceptableRatio()) + " x primary (alpha "
            + SequentialJudge.fmt(config.alpha()) + (config.twoSided() ? "; " + SequentialJudge.fmt(SequentialJudge.detectRatio(config, evidence))
            + " x caught, beta " + SequentialJudge.fmt(config.beta()) : "") + ", anytime-valid)", reason(), critical, s);
  }

  private static void putFinite(Map<String, Double> s, String name, double value) {
    if (Double.isFinite(value)) {
      s.put(name, value);
    }
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
