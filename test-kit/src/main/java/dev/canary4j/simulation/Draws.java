package dev.canary4j.simulation;

import java.util.SplittableRandom;

/** Seeded binomial, histogram and normal draws for simulated traffic; stateless and thread-safe. */
public final class Draws {

  private Draws() {}

  /**
   * A binomial draw: exact inversion for moderate means, a rounded normal for large ones.
   *
   * @param random the source of randomness; advanced by the draw
   * @param n the number of trials; zero or more
   * @param p the success probability of each trial, 0 to 1
   * @return the number of successes, 0 to {@code n}
   */
  public static long binomial(SplittableRandom random, long n, double p) {
    if (n <= 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    double mean = n * p;
    if (mean > 400 && n - mean > 400) {
      double sd = Math.sqrt(mean * (1 - p));
      return Math.max(0, Math.min(n, Math.round(mean + sd * gaussian(random))));
    }
    if (p > 0.5) {
      return n - binomial(random, n, 1 - p);
    }
    double u = random.nextDouble();
    double pmf = Math.exp(n * Math.log1p(-p));
    double cdf = pmf;
    long k = 0;
    double odds = p / (1 - p);
    while (u > cdf && k < n) {
      pmf *= (double) (n - k) / (k + 1) * odds;
      k++;
      cdf += pmf;
      if (pmf < 1e-300 && k > mean) {
        break;
      }
    }
    return k;
  }

  /**
   * Counts per bucket, cumulative, for {@code n} requests falling into buckets with these probabilities.
   *
   * @param random the source of randomness; advanced by the draw
   * @param n the number of requests; zero or more
   * @param bucketProbabilities the probability of each bucket, in order; the last bucket takes every request
   *     left
   * @return for each bucket, the requests in it or any earlier one (as a Prometheus histogram counts); the
   *     last is {@code n}
   */
  public static long[] cumulativeHistogram(SplittableRandom random, long n, double[] bucketProbabilities) {
    long[] cumulative = new long[bucketProbabilities.length];
    long remaining = n;
    double remainingProbability = 1;
    long sum = 0;
    for (int i = 0; i < bucketProbabilities.length; i++) {
      long count = i == bucketProbabilities.length - 1 ? remaining
          : binomial(random, remaining, Math.min(1, bucketProbabilities[i] / Math.max(remainingProbability, 1e-300)));
      remaining -= count;
      remainingProbability -= bucketProbabilities[i];
      sum += count;
      cumulative[i] = sum;
    }
    return cumulative;
  }

  /**
   * A standard normal draw from {@code random} (Box-Muller).
   *
   * @param random the source of randomness; advanced by the draw
   * @return a draw with mean 0 and standard deviation 1
   */
  public static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
