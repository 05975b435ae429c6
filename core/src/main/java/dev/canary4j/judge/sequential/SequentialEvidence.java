package dev.canary4j.judge.sequential;

import java.util.Arrays;
import java.util.Objects;

/**
 * The evidence the {@link SequentialJudge} has gathered about one metric of one rollout: an immutable
 * value that the host carries from tick to tick (in the canary's state) and hands back to the judge.
 *
 * @param againstCanary log likelihood ratios for the grid of rate ratios above the acceptable one
 * @param forCanary log likelihood ratios for the grid of rate ratios below the acceptable one
 * @param ticks ticks that carried information
 * @param canaryRequests canary requests counted so far
 * @param canaryBad bad canary requests counted so far
 * @param primaryRequests primary requests counted so far
 * @param primaryBad bad primary requests counted so far
 * @param decision where the test stands
 * @param bound the latency above which a request is slow, fixed from the primary's histogram; NaN
 *     when counting errors, or before it is fixed
 * @param logRatio the two-sided test's log likelihood ratio of the detected degradation against the
 *     acceptable one (Wald's SPRT statistic); 0 for a one-sided test
 * @param detectRatio the rate ratio the two-sided latency test detects, fixed with the bound from the
 *     slowdown it was given; NaN otherwise
 * @param primaryBuckets the primary's cumulative latency bucket counts summed over the ticks that waited
 *     for enough traffic to fix the bound; empty once it is fixed, or when counting errors
 */
public record SequentialEvidence(double[] againstCanary, double[] forCanary, long ticks, long canaryRequests,
    long canaryBad, long primaryRequests, long primaryBad, SequentialDecision decision, double bound,
    double logRatio, double detectRatio, long[] primaryBuckets) {

  /**
   * Checks that there is a decision and copies the arrays; {@code null} primary buckets become empty.
   *
   * @param againstCanary log likelihood ratios above the acceptable ratio
   * @param forCanary log likelihood ratios below the acceptable ratio
   * @param ticks ticks that carried information
   * @param canaryRequests canary requests counted so far
   * @param canaryBad bad canary requests counted so far
   * @param primaryRequests primary requests counted so far
   * @param primaryBad bad primary requests counted so far
   * @param decision where the test stands; not {@code null}
   * @param bound the latency above which a request is slow, or NaN
   * @param logRatio the two-sided test's log likelihood ratio; 0 for a one-sided test
   * @param detectRatio the rate ratio the two-sided latency test detects, or NaN
   * @param primaryBuckets the primary's summed bucket counts while the bound waits, or {@code null}
   */
  public SequentialEvidence {
    Objects.requireNonNull(decision, "decision");
    againstCanary = checked(againstCanary, "againstCanary");
    forCanary = checked(forCanary, "forCanary");
    primaryBuckets = primaryBuckets == null ? new long[0] : primaryBuckets.clone();
  }

  /**
   * No evidence yet.
   *
   * @return evidence of no tick, with the test undecided
   */
  public static SequentialEvidence none() {
    double[] zero = new double[RateRatioMixture.POINTS];
    return new SequentialEvidence(zero, zero, 0, 0, 0, 0, 0, SequentialDecision.CONTINUE, Double.NaN, 0, Double.NaN,
        new long[0]);
  }

  /**
   * The log likelihood ratios against the canary (a copy).
   *
   * @return a new array, one ratio per grid point
   */
  @Override
  public double[] againstCanary() {
    return againstCanary.clone();
  }

  /**
   * The log likelihood ratios for the canary (a copy).
   *
   * @return a new array, one ratio per grid point
   */
  @Override
  public double[] forCanary() {
    return forCanary.clone();
  }

  /**
   * The primary's summed bucket counts while the latency bound waits (a copy).
   *
   * @return a new array, empty once the bound is fixed or when counting errors
   */
  @Override
  public long[] primaryBuckets() {
    return primaryBuckets.clone();
  }

  /**
   * The e-value against the canary: evidence that its rate exceeds the acceptable ratio.
   *
   * @return the e-value, positive, 1 before any tick; the test fails the canary once it reaches 1 / alpha
   */
  public double eValueAgainst() {
    return Math.exp(RateRatioMixture.logMixture(againstCanary));
  }

  /**
   * The e-value for the canary: evidence that its rate is below the acceptable ratio.
   *
   * @return the e-value, positive, 1 before any tick
   */
  public double eValueFor() {
    return Math.exp(RateRatioMixture.logMixture(forCanary));
  }

  SequentialEvidence withBound(double newBound, double newDetectRatio) {
    return new SequentialEvidence(againstCanary, forCanary, ticks, canaryRequests, canaryBad, primaryRequests,
        primaryBad, decision, newBound, logRatio, newDetectRatio, new long[0]);
  }

  SequentialEvidence withPrimaryBuckets(long[] buckets) {
    return new SequentialEvidence(againstCanary, forCanary, ticks, canaryRequests, canaryBad, primaryRequests,
        primaryBad, decision, bound, logRatio, detectRatio, buckets);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequentialEvidence e && Arrays.equals(againstCanary, e.againstCanary)
        && Arrays.equals(forCanary, e.forCanary) && ticks == e.ticks && canaryRequests == e.canaryRequests
        && canaryBad == e.canaryBad && primaryRequests == e.primaryRequests && primaryBad == e.primaryBad
        && decision == e.decision && Double.compare(bound, e.bound) == 0 && Double.compare(logRatio, e.logRatio) == 0
        && Double.compare(detectRatio, e.detectRatio) == 0 && Arrays.equals(primaryBuckets, e.primaryBuckets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(againstCanary), Arrays.hashCode(forCanary), ticks, canaryRequests,
        canaryBad, primaryRequests, primaryBad, decision, bound, logRatio, detectRatio, Arrays.hashCode(primaryBuckets));
  }

  @Override
  public String toString() {
    return "SequentialEvidence[" + decision + " after " + ticks + " ticks, canary " + canaryBad + "/" + canaryRequests
        + ", primary " + primaryBad + "/" + primaryRequests + ", e-value against " + eValueAgainst()
        + ", for " + eValueFor() + (Double.isNaN(bound) ? "" : ", bound " + bound)
        + (logRatio == 0 ? "" : ", log ratio " + logRatio) + (Double.isNaN(detectRatio) ? "" : ", detects " + detectRatio) + "]";
  }

  private static double[] checked(double[] values, String name) {
    Objects.requireNonNull(values, name);
    if (values.length != RateRatioMixture.POINTS) {
      throw new IllegalArgumentException(name + " must hold " + RateRatioMixture.POINTS + " log ratios, but held " + values.length);
    }
    return values.clone();
  }
}
