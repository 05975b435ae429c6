package dev.canary4j.judge.sequential;

import dev.canary4j.internal.SignificantFigures;
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
  /** Alternatives in the two-sided test's rejection mixture: the detected ratio and twice it. */
  static final int TWO_SIDED_FAIL_POINTS = 2;

  private SequentialJudge() {}

  /**
   * Adds one tick of counts to {@code evidence} and decides.
   *
   * @param config the test's configuration
   * @param evidence the evidence so far, {@link SequentialEvidence#none()} at first
   * @param canary the canary's requests and bad requests in this tick
   * @param primary the primary's requests and bad requests in this tick
   * @return the new evidence, the decision and why
   */
  public static SequentialResult observe(SequentialConfig config, SequentialEvidence evidence, TickCounts canary,
      TickCounts primary) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(canary, "canary");
    Objects.requireNonNull(primary, "primary");
    if (config.twoSided()) {
      return observeTwoSided(config, evidence, canary, primary);
    }
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
        evidence.primaryRequests() + primary.requests(), evidence.primaryBad() + primary.bad(), decision, evidence.bound(),
        evidence.logRatio(), evidence.detectRatio(), evidence.primaryBuckets());
    return new SequentialResult(next, config, evidence.decision(), null);
  }

  /**
   * Two-sided: Wald's sequential probability ratio test of the detected ratio rho1 against the
   * acceptable rho0 on the same conditional binomial counts, with the rejection side widened to a
   * mixture (Robbins 1970). The log likelihood ratio of rho1 : rho0 is summed over the ticks, and so is
   * that of 2 rho1 : rho0 (kept in {@code againstCanary[0..1]}). The equal-weight mixture of the two
   * reaching log(1/alpha) fails the canary; the first reaching -log(1/beta) accepts it; either ends the
   * test. By the monotone likelihood ratio every ratio rho' : rho0 with rho' > rho0 is a
   * supermartingale under every rho <= rho0, so is their mixture, and rho0 : rho1 is one under every
   * rho >= rho1; by Ville's inequality a canary within the acceptable ratio is failed with probability
   * at most alpha, and one at the detected ratio or worse accepted with probability at most beta, however
   * often the test looks. The mixture costs log 2 of evidence at rho1 and catches 2 rho1 faster.
   */
  private static SequentialResult observeTwoSided(SequentialConfig config, SequentialEvidence evidence, TickCounts canary,
      TickCounts primary) {
    long totalBad = canary.bad() + primary.bad();
    boolean decided = evidence.decision() != SequentialDecision.CONTINUE;
    boolean informative = !decided && canary.requests() > 0 && primary.requests() > 0 && totalBad > 0;
    double logRatio = evidence.logRatio();
    double[] against = evidence.againstCanary();
    SequentialDecision decision = evidence.decision();
    if (informative) {
      double w = (double) canary.requests() / primary.requests();
      double rho0 = config.acceptableRatio();
      double rho1 = detectRatio(config, evidence);
      logRatio += RateRatioMixture.logRatio(rho0, rho1, w, canary.bad(), totalBad);
      against[0] = logRatio;
      for (int j = 1; j < TWO_SIDED_FAIL_POINTS; j++) {
        against[j] += RateRatioMixture.logRatio(rho0, rho1 * Math.pow(2, j), w, canary.bad(), totalBad);
      }
      if (logMixture(against, TWO_SIDED_FAIL_POINTS) >= Math.log(1 / config.alpha())) {
        decision = SequentialDecision.FAIL;
      } else if (logRatio <= -Math.log(1 / config.beta())) {
        decision = SequentialDecision.PASS;
      }
    }
    SequentialEvidence next = new SequentialEvidence(against, evidence.forCanary(), evidence.ticks() + (informative ? 1 : 0), evidence.canaryRequests() + canary.requests(),
        evidence.canaryBad() + canary.bad(), evidence.primaryRequests() + primary.requests(),
        evidence.primaryBad() + primary.bad(), decision, evidence.bound(), logRatio, evidence.detectRatio(),
        evidence.primaryBuckets());
    return new SequentialResult(next, config, evidence.decision(), null);
  }

  /** The log of the equal-weight mixture of the first {@code points} log ratios. */
  static double logMixture(double[] logRatios, int points) {
    return RateRatioMixture.logMixture(java.util.Arrays.copyOf(logRatios, points));
  }

  /** The ratio the two-sided test detects: fixed from the latency slowdown, else {@code detect}, else the default. */
  static double detectRatio(SequentialConfig config, SequentialEvidence evidence) {
    if (evidence.detectRatio() > 0) { // NaN when none was fixed; 0 in evidence stored before there was one
      return evidence.detectRatio();
    }
    return config.detect() != null ? config.detect() : SequentialConfig.DEFAULT_DETECT;
  }

  /**
   * The slow-request ratio a canary whose every request is slower by {@code config.detectSlowdown()}
   * would show against {@code primary}: the primary's share above bound / (1 + slowdown) over its share
   * above the bound, kept at least {@link SequentialConfig#MIN_SEPARATION} x the acceptable ratio; NaN
   * when no slowdown is configured or the primary had no request above the bound.
   */
  static double slowRequestRatio(SequentialConfig config, LatencyHistogram primary, double bound) {
    if (config.detectSlowdown() == null) {
      return Double.NaN;
    }
    double above = primary.shareAbove(bound);
    if (!(above > 0)) {
      return Double.NaN;
    }
    double ratio = primary.shareAbove(bound / (1 + config.detectSlowdown())) / above;
    return Math.max(ratio, config.acceptableRatio() * SequentialConfig.MIN_SEPARATION);
  }

  /**
   * Adds one tick of latency histograms: requests slower than the bound fixed from the primary's
   * histogram count as bad. Until the primary has served enough requests for its quantile bucket to be
   * meaningful (summed over the ticks so far), the ticks only wait; the ticks that fix the bound are not
   * counted.
   *
   * @param config the test's configuration
   * @param evidence the evidence so far, {@link SequentialEvidence#none()} at first
   * @param canary the canary's latency histogram for this tick
   * @param primary the primary's latency histogram for this tick
   * @return the new evidence, the decision and why
   */
  public static SequentialResult observeLatency(SequentialConfig config, SequentialEvidence evidence,
      LatencyHistogram canary, LatencyHistogram primary) {
    Objects.requireNonNull(evidence, "evidence");
    if (!Double.isNaN(evidence.bound())) {
      return observe(config, evidence, canary.slowerThan(evidence.bound()), primary.slowerThan(evidence.bound()));
    }
    long needed = (long) Math.ceil(SLOW_REQUESTS_TO_FIX_BOUND / (1 - config.latencyQuantile()));
    // Thin ticks (low traffic, frequent looks) add up until the primary's quantile bucket is meaningful.
    long[] sum = primary.cumulativeCounts();
    long[] waited = evidence.primaryBuckets();
    if (waited.length == sum.length) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += waited[i];
      }
    }
    LatencyHistogram seen = new LatencyHistogram(primary.upperBounds(), sum);
    if (seen.total() < needed) {
      return new SequentialResult(evidence.withPrimaryBuckets(sum), config, evidence.decision(), "waiting for " + needed
          + " primary requests to fix the slow-request bound at its p" + fmt(config.latencyQuantile() * 100) + " bucket; got "
          + seen.total());
    }
    primary = seen;
    // The two-sided test must end, so it takes the bucket end nearer the quantile; the one-sided test
    // keeps the bucket's upper end, where its false-rollback guarantee was first measured.
    double bound = config.twoSided() ? primary.nearestBound(config.latencyQuantile()) : primary.quantileBound(config.latencyQuantile());
    double detectRatio = slowRequestRatio(config, primary, bound);
    String detects = Double.isNaN(detectRatio) ? "" : "; " + fmt(config.detectSlowdown() * 100) + " % slower requests would make "
        + fmt(detectRatio) + " x as many slow ones";
    return new SequentialResult(evidence.withBound(bound, detectRatio), config, evidence.decision(), "slow requests are those above "
        + fmt(bound) + ", the primary's p" + fmt(config.latencyQuantile() * 100) + " bucket"
        + (config.twoSided() ? " end nearer to it" : "") + detects
        + "; counting starts with the next tick");
  }

  static String reason(SequentialConfig config, SequentialEvidence e, SequentialDecision before) {
    String rates = String.format(Locale.ROOT, "canary %d/%d bad, primary %d/%d", e.canaryBad(), e.canaryRequests(),
        e.primaryBad(), e.primaryRequests());
    String limit = fmt(1 / config.alpha());
    String hypothesis = "the canary's rate is at most " + fmt(config.acceptableRatio()) + " x the primary's";
    if (config.twoSided()) {
      String versus = fmt(detectRatio(config, e)) + " x against " + fmt(config.acceptableRatio()) + " x the primary's rate";
      String fail = fmt(Math.log(1 / config.alpha()));
      String accept = fmt(-Math.log(1 / config.beta()));
      return switch (e.decision()) {
        case FAIL -> "evidence " + fmt(Math.exp(logMixture(e.againstCanary(), TWO_SIDED_FAIL_POINTS))) + " for " + versus
            + " (or twice that) reached 1/alpha = " + fmt(1 / config.alpha()) + ": worse than allowed (" + rates + ")";
        case PASS -> "log likelihood ratio " + fmt(e.logRatio()) + " of " + versus + " reached -log(1/beta) = " + accept
            + ": not meaningfully worse (" + rates + ")";
        case CONTINUE -> "undecided: log likelihood ratio " + fmt(e.logRatio()) + " of " + versus + ", between " + accept
            + " (accept) and " + fail + " (fail) (" + rates + ")";
      };
    }
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
    return SignificantFigures.trimmedDecimal(d, 3);
  }
}
