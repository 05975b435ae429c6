package dev.canary4j.judge.sequential;

import dev.canary4j.simulation.Draws;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulated rollouts: 20 000 requests per tick split by a weight that steps from 5 % to 50 %,
 * 60 ticks, primary error rate 0.5 %.
 */
class SequentialJudgeSimulationTest {

  private static final int ROLLOUTS = 1000;
  private static final int TICKS = 60;
  private static final long REQUESTS_PER_TICK = 20_000;
  private static final double PRIMARY_ERROR_RATE = 0.005;

  @Test
  void identicalCanaryIsRolledBackInAtMostAlphaOfRolloutsHoweverOftenItLooks() {
    // The hardest case: the canary sits exactly on the boundary (no allowed degradation).
    SequentialConfig config = SequentialConfig.custom().alpha(0.05).allowedDegradation(0).build();
    Outcomes o = simulate(config, PRIMARY_ERROR_RATE, new SplittableRandom(11));

    double noise = 3 * Math.sqrt(0.05 * 0.95 / ROLLOUTS);
    assertThat(o.failRate()).isLessThanOrEqualTo(0.05 + noise);
  }

  @Test
  void lookingAtAFixedSampleTestEveryTickWouldRollBackFarMoreGoodCanaries() {
    // The same traffic judged by a one-sided z-test of the cumulative counts at every tick.
    SplittableRandom random = new SplittableRandom(11);
    double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.95);
    int failed = 0;
    for (int r = 0; r < ROLLOUTS; r++) {
      long cr = 0;
      long ce = 0;
      long pr = 0;
      long pe = 0;
      for (int t = 0; t < TICKS; t++) {
        long canary = Math.round(REQUESTS_PER_TICK * weight(t));
        cr += canary;
        ce += Draws.binomial(random, canary, PRIMARY_ERROR_RATE);
        pr += REQUESTS_PER_TICK - canary;
        pe += Draws.binomial(random, REQUESTS_PER_TICK - canary, PRIMARY_ERROR_RATE);
        double pooled = (double) (ce + pe) / (cr + pr);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / cr + 1.0 / pr));
        if (se > 0 && ((double) ce / cr - (double) pe / pr) / se > z) {
          failed++;
          break;
        }
      }
    }
    assertThat((double) failed / ROLLOUTS).isGreaterThan(0.15);
  }

  @Test
  void fourTimesTheErrorRateIsCaughtInTheFirstTicks() {
    Outcomes o = simulate(SequentialConfig.ofDefaults(), 4 * PRIMARY_ERROR_RATE, new SplittableRandom(12));

    assertThat(o.failRate()).isGreaterThanOrEqualTo(0.99);
    assertThat(o.medianTicksToDecide()).isLessThanOrEqualTo(3);
  }

  @Test
  void goodCanaryIsPassedOnceTheDegradationIsRuledOutAndRarelyFailed() {
    Outcomes o = simulate(SequentialConfig.ofDefaults(), PRIMARY_ERROR_RATE, new SplittableRandom(13));

    assertThat(o.failRate()).isLessThanOrEqualTo(0.01 + 3 * Math.sqrt(0.01 * 0.99 / ROLLOUTS));
    assertThat(o.passRate()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void tailLatencyRegressionIsCaughtFromHistogramBuckets() {
    double[] bounds = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, Double.POSITIVE_INFINITY};
    SequentialConfig config = SequentialConfig.ofDefaults();
    int rollouts = 300;
    int identicalFailed = 0;
    int slowerFailed = 0;
    SplittableRandom random = new SplittableRandom(14);
    for (int r = 0; r < rollouts; r++) {
      identicalFailed += latencyRollout(config, bounds, 1.0, random) == SequentialDecision.FAIL ? 1 : 0;
      slowerFailed += latencyRollout(config, bounds, 1.3, random) == SequentialDecision.FAIL ? 1 : 0;
    }
    assertThat((double) identicalFailed / rollouts).isLessThanOrEqualTo(0.01 + 3 * Math.sqrt(0.01 * 0.99 / rollouts));
    assertThat((double) slowerFailed / rollouts).isGreaterThanOrEqualTo(0.95);
  }

  private static SequentialDecision latencyRollout(SequentialConfig config, double[] bounds, double canaryScale,
      SplittableRandom random) {
    SequentialEvidence evidence = SequentialEvidence.none();
    for (int t = 0; t < TICKS && evidence.decision() != SequentialDecision.FAIL; t++) {
      long canary = Math.round(REQUESTS_PER_TICK * weight(t));
      LatencyHistogram c = new LatencyHistogram(bounds, Draws.cumulativeHistogram(random, canary, buckets(bounds, canaryScale)));
      LatencyHistogram p = new LatencyHistogram(bounds,
          Draws.cumulativeHistogram(random, REQUESTS_PER_TICK - canary, buckets(bounds, 1.0)));
      evidence = SequentialJudge.observeLatency(config, evidence, c, p).evidence();
    }
    return evidence.decision();
  }

  /** Bucket probabilities of a lognormal latency (median 100 ms, sigma 0.5) scaled by {@code scale}. */
  private static double[] buckets(double[] bounds, double scale) {
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    double[] p = new double[bounds.length];
    double previous = 0;
    for (int i = 0; i < bounds.length; i++) {
      double cdf = bounds[i] == Double.POSITIVE_INFINITY ? 1
          : normal.cumulativeProbability(Math.log(bounds[i] / (100 * scale)) / 0.5);
      p[i] = cdf - previous;
      previous = cdf;
    }
    return p;
  }

  static double weight(int tick) {
    return Math.min(0.5, 0.05 * (1 + tick / 2));
  }

  private static Outcomes simulate(SequentialConfig config, double canaryErrorRate, SplittableRandom random) {
    int failed = 0;
    int passed = 0;
    int[] ticksToDecide = new int[ROLLOUTS];
    for (int r = 0; r < ROLLOUTS; r++) {
      SequentialEvidence evidence = SequentialEvidence.none();
      ticksToDecide[r] = Integer.MAX_VALUE;
      for (int t = 0; t < TICKS; t++) {
        long canary = Math.round(REQUESTS_PER_TICK * weight(t));
        long primary = REQUESTS_PER_TICK - canary;
        evidence = SequentialJudge.observe(config, evidence,
            TickCounts.of(canary, Draws.binomial(random, canary, canaryErrorRate)),
            TickCounts.of(primary, Draws.binomial(random, primary, PRIMARY_ERROR_RATE))).evidence();
        if (evidence.decision() != SequentialDecision.CONTINUE && ticksToDecide[r] == Integer.MAX_VALUE) {
          ticksToDecide[r] = t + 1;
        }
        if (evidence.decision() == SequentialDecision.FAIL) {
          break;
        }
      }
      failed += evidence.decision() == SequentialDecision.FAIL ? 1 : 0;
      passed += evidence.decision() == SequentialDecision.PASS ? 1 : 0;
    }
    Arrays.sort(ticksToDecide);
    return new Outcomes((double) failed / ROLLOUTS, (double) passed / ROLLOUTS, ticksToDecide[ROLLOUTS / 2]);
  }

  private record Outcomes(double failRate, double passRate, int medianTicksToDecide) {}
}
