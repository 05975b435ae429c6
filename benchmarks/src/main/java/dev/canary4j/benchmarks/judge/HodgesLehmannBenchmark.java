package dev.canary4j.benchmarks.judge;

import static dev.canary4j.benchmarks.judge.JudgeSamples.gaussian;
import static dev.canary4j.benchmarks.judge.JudgeSamples.sample;

import dev.canary4j.judge.mannwhitney.HodgesLehmann;
import dev.canary4j.judge.mannwhitney.ShiftEstimate;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the Hodges-Lehmann estimate and its confidence interval for 10 000 vs 10 000 samples (target:
 * under 5 ms on a 2-core machine) and prints the figures.
 *
 * <p>Three data shapes: continuous normal samples with a shift, lognormal latencies, and heavily tied
 * values (latencies rounded to 5 ms buckets), which exercise the normal approximation with ties. Each
 * shape is warmed up, then timed per call; the median, 90th percentile and maximum are printed.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -q -B -DskipTests package &amp;&amp; java -cp benchmarks/target/canary4j-benchmarks.jar \
 *   dev.canary4j.benchmarks.judge.HodgesLehmannBenchmark
 * </pre>
 */
public final class HodgesLehmannBenchmark {

  private static final int SIZE = 10_000;
  private static final int WARM_UP = 300;
  private static final int MEASURED = 300;

  private HodgesLehmannBenchmark() {}

  /** Times the three data shapes and prints the figures. */
  public static void main(String[] args) {
    SplittableRandom random = new SplittableRandom(2024);
    System.out.printf(Locale.ROOT, "Hodges-Lehmann estimate + 95%% interval, %d vs %d samples, %d warm-up and %d timed calls%n",
        SIZE, SIZE, WARM_UP, MEASURED);
    System.out.printf(Locale.ROOT, "%-28s %10s %10s %10s   %s%n", "data", "median ms", "p90 ms", "max ms", "result");
    run("normal, shift +1", sample(random, SIZE, v -> 100 + 10 * gaussian(v) + 1), sample(random, SIZE, v -> 100 + 10 * gaussian(v)));
    run("lognormal latency, +5%", sample(random, SIZE, v -> 1.05 * Math.exp(4 + 0.5 * gaussian(v))),
        sample(random, SIZE, v -> Math.exp(4 + 0.5 * gaussian(v))));
    run("latency in 5 ms buckets", sample(random, SIZE, v -> 5 * Math.rint(Math.exp(4 + 0.5 * gaussian(v)) / 5) + 5),
        sample(random, SIZE, v -> 5 * Math.rint(Math.exp(4 + 0.5 * gaussian(v)) / 5)));
  }

  private static void run(String name, double[] canary, double[] baseline) {
    ShiftEstimate last = null;
    for (int i = 0; i < WARM_UP; i++) {
      last = HodgesLehmann.estimate(canary, baseline, 0.95);
    }
    double[] millis = new double[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      last = HodgesLehmann.estimate(canary, baseline, 0.95);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf(Locale.ROOT, "%-28s %10.3f %10.3f %10.3f   estimate %.4f [%.4f, %.4f] p=%.3g (%s)%n", name,
        millis[MEASURED / 2], millis[(int) (MEASURED * 0.9)], millis[MEASURED - 1],
        last.estimate(), last.lower(), last.upper(), last.pValue(), last.method());
  }
}
