package dev.canary4j.benchmarks.judge;

import java.util.SplittableRandom;

/** Seeded sample data for the judge benchmarks, so that they time the judges on the same shapes. */
final class JudgeSamples {

  private JudgeSamples() {}

  /** One draw of a distribution from a random source. */
  interface Draw {
    double next(SplittableRandom random);
  }

  static double[] sample(SplittableRandom random, int size, Draw draw) {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = draw.next(random);
    }
    return values;
  }

  /** A standard normal draw (Box-Muller), from two uniform ones. */
  static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
