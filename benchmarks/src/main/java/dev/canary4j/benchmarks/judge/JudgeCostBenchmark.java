package dev.canary4j.benchmarks.judge;

import static dev.canary4j.benchmarks.judge.JudgeSamples.gaussian;
import static dev.canary4j.benchmarks.judge.JudgeSamples.sample;

import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.ThresholdJudge;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.judge.mannwhitney.MannWhitneyJudge;
import dev.canary4j.judge.mannwhitney.MannWhitneyResult;
import dev.canary4j.policy.MetricCheck;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints what the judges cost per call: the threshold judge per metric (an integer value, a value with
 * decimals, a relative bound), and the whole Mann-Whitney judge on 10 000 vs 10 000 samples (target:
 * within 5 ms on a 2-core machine), next to the Hodges-Lehmann estimate alone.
 *
 * <p>The threshold judge is timed in rounds of many calls (the median round's time per call is
 * printed); the Mann-Whitney judge per call after a warm-up (median, 90th percentile, maximum). Both
 * print the thread's CPU time beside the elapsed time: on a shared machine the elapsed time includes
 * the time other processes held the core, the CPU time does not.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests &amp;&amp; java -cp \
 *   "benchmarks/target/classes:core/target/classes:$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar" \
 *   dev.canary4j.benchmarks.judge.JudgeCostBenchmark
 * </pre>
 */
public final class JudgeCostBenchmark {

  private static final int THRESHOLD_CALLS = 200_000;
  private static final int THRESHOLD_ROUNDS = 15;
  private static final int SIZE = 10_000;
  private static final int WARM_UP = 200;
  private static final int MEASURED = 200;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Keeps the results alive so that the JIT cannot drop the calls. */
  private static long sink;

  private JudgeCostBenchmark() {}

  /** Times the judges and prints the figures (times in milliseconds for the Mann-Whitney judge). */
  public static void main(String[] args) {
    System.out.printf(Locale.ROOT, "Threshold judge, %d rounds of %d calls (median round, ns per metric)%n",
        THRESHOLD_ROUNDS, THRESHOLD_CALLS);
    System.out.printf(Locale.ROOT, "  %-48s %8s %8s   %s%n", "case", "cpu ns", "wall ns", "verdict");
    MetricCheck bounds = MetricCheck.named("request-success-rate").withMin(99.0).withMax(100.0);
    threshold("integer value (99 within >= 99 and <= 100)", bounds, Measurement.of(99.0), null);
    threshold("decimal value (99.87 within >= 99 and <= 100)", bounds, Measurement.of(99.87), null);
    threshold("decimal value failing (98.7654 < 99)", bounds, Measurement.of(98.7654), null);
    threshold("relative bound (412.5 vs primary 380.25)", MetricCheck.named("latency").withQuery("q").withMaxIncrease(10.0),
        Measurement.of(412.5), Measurement.of(380.25));

    SplittableRandom random = new SplittableRandom(2024);
    System.out.printf(Locale.ROOT, "%nMann-Whitney judge, %d vs %d samples, %d warm-up and %d timed calls%n",
        SIZE, SIZE, WARM_UP, MEASURED);
    System.out.printf(Locale.ROOT, "%-28s %10s %10s %10s %10s   %s%n", "data", "cpu median", "cpu p90", "wall median",
        "wall p90", "result");
    mannWhitney("normal, shift +1", sample(random, SIZE, v -> 100 + 10 * gaussian(v) + 1),
        sample(random, SIZE, v -> 100 + 10 * gaussian(v)));
    mannWhitney("lognormal latency, +5%", sample(random, SIZE, v -> 1.05 * Math.exp(4 + 0.5 * gaussian(v))),
        sample(random, SIZE, v -> Math.exp(4 + 0.5 * gaussian(v))));
    mannWhitney("latency in 5 ms buckets", sample(random, SIZE, v -> 5 * Math.rint(Math.exp(4 + 0.5 * gaussian(v)) / 5) + 5),
        sample(random, SIZE, v -> 5 * Math.rint(Math.exp(4 + 0.5 * gaussian(v)) / 5)));
    mannWhitney("strong shift (+30%)", sample(random, SIZE, v -> 130 + 10 * gaussian(v)),
        sample(random, SIZE, v -> 100 + 10 * gaussian(v)));
  }

  private static void threshold(String name, MetricCheck check, Measurement canary, Measurement primary) {
    double[] cpu = new double[THRESHOLD_ROUNDS];
    double[] wall = new double[THRESHOLD_ROUNDS];
    Verdict last = null;
    for (int round = 0; round < THRESHOLD_ROUNDS; round++) {
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < THRESHOLD_CALLS; i++) {
        last = ThresholdJudge.judge(check, canary, primary);
        sink += last.reason().length();
      }
      wall[round] = (System.nanoTime() - start) / (double) THRESHOLD_CALLS;
      cpu[round] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / (double) THRESHOLD_CALLS;
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(Locale.ROOT, "  %-48s %8.0f %8.0f   %s: %s%n", name, cpu[THRESHOLD_ROUNDS / 2],
        wall[THRESHOLD_ROUNDS / 2], last.label(), last.reason());
  }

  private static void mannWhitney(String name, double[] canary, double[] baseline) {
    MannWhitneyConfig config = MannWhitneyConfig.ofDefaults();
    MannWhitneyResult last = null;
    for (int i = 0; i < WARM_UP; i++) {
      last = MannWhitneyJudge.classify("latency", canary, baseline, config);
      sink += last.label().ordinal();
    }
    double[] cpu = new double[MEASURED];
    double[] wall = new double[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      last = MannWhitneyJudge.classify("latency", canary, baseline, config);
      wall[i] = (System.nanoTime() - start) / 1e6;
      cpu[i] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
      sink += last.label().ordinal();
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    Verdict verdict = last.toVerdict();
    double p = verdict.statistics().get("pValue");
    // Below the smallest double the p-value reads 0; its logarithm still says how small it is.
    String shown = p > 0 ? String.format(Locale.ROOT, "%.3g", p)
        : String.format(Locale.ROOT, "10^%.1f", verdict.statistics().get("log10PValue"));
    System.out.printf(Locale.ROOT, "%-28s %10.3f %10.3f %10.3f %10.3f   %s p=%s (%s)%n", name, cpu[MEASURED / 2],
        cpu[(int) (MEASURED * 0.9)], wall[MEASURED / 2], wall[(int) (MEASURED * 0.9)], verdict.label(),
        shown, verdict.reason());
  }
}
