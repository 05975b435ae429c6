package dev.canary4j.judge.sequential;

import java.util.SplittableRandom;

/** Seeded draws of request counts for simulated rollouts. */
final class TrafficSimulation {

  private TrafficSimulation() {}

  /** A binomial draw: exact inversion for moderate means, a rounded normal for large ones. */
  static long binomial(SplittableRandom random, long n, double p) {
    double mean = n * p;
    if (mean > 400) {
      double sd = Math.sqrt(mean * (1 - p));
      return Math.max(0, Math.min(n, Math.round(mean + sd * gaussian(random))));
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

  /** Requests per bucket (cumulative, Prometheus style) for {@code n} requests with these bucket probabilities. */
  static long[] histogram(SplittableRandom random, long n, double[] bucketProbabilities) {
    long[] cumulative = new long[bucketProbabilities.length];
    long remaining = n;
    double remainingProbability = 1;
    long sum = 0;
    for (int i = 0; i < bucketProbabilities.length; i++) {
      long count = i == bucketProbabilities.length - 1 || remainingProbability <= 0 ? remaining
          : binomial(random, remaining, Math.min(1, bucketProbabilities[i] / remainingProbability));
      remaining -= count;
      remainingProbability -= bucketProbabilities[i];
      sum += count;
      cumulative[i] = sum;
    }
    return cumulative;
  }

  static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
