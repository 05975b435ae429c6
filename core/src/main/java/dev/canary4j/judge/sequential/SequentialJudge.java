package dev.canary4j.judge.sequential;

import java.util.Locale;
import java.util.Objects;

/**
 * An anytime-valid sequential test of the canary's bad-request rate (errors, or requests slower than a
 * bound) against the primary's: it may be consulted at every tick, and a canary whose rate is within
 * {@code (1 + allowedDegradation)} x the primary's is failed with probability at most {@code alpha}
 * over the whole rollout, however many ticks there are.
 *
 * <p>Method. Let rho be the ratio of the canary's bad-request rate to the primary's. In a tick where
 * the canary served {@code n_c} requests and the primary {@code n_p}, and {@code s} bad requests were
 * seen in total, the canary's share {@code x} of them is, given {@code s}, binomial with probability
 * {@code rho w / (1 + rho w)}, {@code w = n_c / n_p} (exactly so for Poisson counts; this conditioning
 * on the total is the classical test of two Poisson rates and removes the unknown primary rate). The
 * traffic weight may change at every tick. Two e-processes are kept, each a mixture of likelihood ratios
 * over a grid of rho (see {@link RateRatioMixture}) against the boundary {@code rho0 = 1 +
 * allowedDegradation}:
 * <ul>
 *   <li>against the canary (alternatives above rho0). Because the family has a monotone likelihood
 *       ratio in x, each ratio is a nonnegative supermartingale under every {@code rho <= rho0}, so by Ville's
 *       inequality {@code P(it ever reaches 1/alpha) <= alpha}. Reaching it is FAIL.</li>
 *   <li>for the canary (alternatives below rho0): symmetrically a supermartingale under every
 *       {@code rho >= rho0}. Reaching 1/alpha excludes [rho0, infinity) from the confidence sequence for rho
 *       at level 1 - alpha: the allowed degradation is ruled out, PASS.</li>
 * </ul>
 * FAIL is final; PASS stands unless the canary later fails (the test keeps watching).
 *
 * <p>Assumptions: requests are independent given the versions' rates, rates are constant during the
 * rollout (a shift that hits both versions alike is harmless, since only the ratio is tested), and the
 * bad-request rates are small, so that the binomial counts behave like Poisson ones. With identical
 * binomial rates the conditional law is hypergeometric, which is less spread than the binomial (Hoeffding
 * 1963), so the test stays conservative there.
 *
 * <p>Latency: a request is bad when it is slower than a bound taken once from the primary's histogram
 * (the upper bound of the bucket holding its p99, by default) at the first tick with enough primary
 * traffic; that tick only fixes the bound, counting starts with the next one, so the bound does not
 * depend on the data it is tested with. A tail regression shows up as a larger share of slow canary
 * requests.
 *
 * <p>References: Ville (1939), Etude critique de la notion de collectif; Wald (1945), Sequential tests of
 * statistical hypotheses; Robbins (1970), Statistical methods related to the law of the iterated
 * logarithm; Howard, Ramdas, McAuliffe and Sekhon (2021), Time-uniform, nonparametric, nonasymptotic
 * confidence sequences; Lindon and Malek (2022), Anytime-valid inference for multinomial count data.
 *
 * <p>Pure and thread-safe: the evidence comes in as a value and a new value goes out.
 */
public final class SequentialJudge {

  /** Expected slow requests in the tick that fixes the latency bound, so the quantile bucket is meaningful. */
  static final double SLOW_REQUESTS_TO_FIX_BOUND = 10;

  private SequentialJudge() {}

  /** Adds one tick of counts to {@code evidence} and decides. */
  public static SequentialResult observe(SequentialConfig config, SequentialEvidence evidence, TickCounts canary,
      TickCounts primary) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(canary, "canary");
    Objects.requireNonNull(primary, "primary");
    long totalBad = canary.bad() + primary.bad();
    boolean informative = canary.requests() > 0 && primary.requests() > 0 && totalBad > 0;
    double[] against = evidence.againstCanary();
    double[] forCanary = evidence.forCanary();
    if (informative && evidence.decision() != SequentialDecision.FAIL) {
      double w = (double) canary.requests() / primary.requests();
      double rho0 = config.acceptableRatio();
      against = RateRatioMixture.update(against, true, rho0, w, canary.bad(), totalBad);
      forCanary = RateRatioMixture.update(forCanary, false, rho0, w, canary.bad(), totalBad);
    }
    double threshold = Math.log(1 / config.alpha());
    SequentialDecision decision;
    if (evidence.decision() == SequentialDecision.FAIL || RateRatioMixture.logMixture(against) >= threshold) {
      decision = SequentialDecision.FAIL;
    } else if (evidence.decision() == SequentialDecision.PASS || RateRatioMixture.logMixture(forCanary) >= threshold) {
      decision = SequentialDecision.PASS;
    } else {
      decision = SequentialDecision.CONTINUE;
    }
    SequentialEvidence next = new SequentialEvidence(against, forCanary, evidence.ticks() + (informative ? 1 : 0),
        evidence.canaryRequests() + canary.requests(), evidence.canaryBad() + canary.bad(),
        evidence.primaryRequests() + primary.requests(), evidence.primaryBad() + primary.bad(), decision, evidence.bound());
    return new SequentialResult(next, config, evidence.decision(), null);
  }

  /**
   * Adds one tick of latency histograms: requests slower than the bound fixed from the primary's
   * histogram count as bad. Until the primary has served enough requests for its quantile bucket to be
   * meaningful, the tick only waits; the tick that fixes the bound is not counted.
   */
  public static SequentialResult observeLatency(SequentialConfig config, SequentialEvidence evidence,
      LatencyHistogram canary, LatencyHistogram primary) {
    Objects.requireNonNull(evidence, "evidence");
    if (!Double.isNaN(evidence.bound())) {
      return observe(config, evidence, canary.slowerThan(evidence.bound()), primary.slowerThan(evidence.bound()));
    }
    long needed = (long) Math.ceil(SLOW_REQUESTS_TO_FIX_BOUND / (1 - config.latencyQuantile()));
    if (primary.total() < needed) {
      return new SequentialResult(evidence, config, evidence.decision(), "waiting for " + needed + " primary requests in one tick to fix the"
          + " slow-request bound at its p" + fmt(config.latencyQuantile() * 100) + " bucket; got " + primary.total());
    }
    double bound = primary.quantileBound(config.latencyQuantile());
    return new SequentialResult(evidence.withBound(bound), config, evidence.decision(), "slow requests are those above " + fmt(bound)
        + ", the primary's p" + fmt(config.latencyQuantile() * 100) + " bucket; counting starts with the next tick");
  }

  static String reason(SequentialConfig config, SequentialEvidence e, SequentialDecision before) {
    String rates = String.format(Locale.ROOT, "canary %d/%d bad, primary %d/%d", e.canaryBad(), e.canaryRequests(),
        e.primaryBad(), e.primaryRequests());
    String limit = fmt(1 / config.alpha());
    String hypothesis = "the canary's rate is at most " + fmt(config.acceptableRatio()) + " x the primary's";
    return switch (e.decision()) {
      case FAIL -> before == SequentialDecision.FAIL
          ? "failed earlier: the evidence against " + hypothesis + " crossed " + limit + " (" + rates + ")"
          : "evidence " + fmt(e.eValueAgainst()) + " against " + hypothesis + " crossed 1/alpha = " + limit + " (" + rates + ")";
      case PASS -> "evidence " + fmt(e.eValueFor()) + " that the canary's rate is below " + fmt(config.acceptableRatio())
          + " x the primary's " + (before == SequentialDecision.PASS ? "crossed " : "crosses ") + "1/alpha = " + limit
          + " (" + rates + ")";
      case CONTINUE -> "undecided: evidence against the canary " + fmt(e.eValueAgainst()) + ", for it "
          + fmt(e.eValueFor()) + "; either must reach " + limit + " (" + rates + ")";
    };
  }

  static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf((long) d);
    }
    String s = String.format(Locale.ROOT, "%.3g", d);
    return s.contains("e") || !s.contains(".") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
