package dev.canary4j.judge.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import org.junit.jupiter.api.Test;

class TwoSidedSequentialTest {

  private static final SequentialConfig ERRORS = SequentialConfig.custom().allowedDegradation(0).detect(2).alpha(0.01)
      .beta(0.05).whileUndecided(SequentialConfig.WhileUndecided.HOLD_PROMOTION).build();

  @Test
  void eachTickAddsTheLogLikelihoodRatioOfTheDetectedRatioAgainstTheAcceptableOne() {
    SequentialResult r = SequentialJudge.observe(ERRORS, SequentialEvidence.none(), TickCounts.of(1000, 5), TickCounts.of(9000, 45));

    // 5 log 2 + 50 (log(1 + 1/9) - log(1 + 2/9))
    assertThat(r.evidence().logRatio()).isCloseTo(-1.299773, within(1e-6));
    assertThat(r.decision()).isEqualTo(SequentialDecision.CONTINUE);
  }

  @Test
  void failsOnceTheMixtureForTheDetectedRatioReachesOneOverAlphaAndThenStopsLooking() {
    SequentialEvidence e = SequentialEvidence.none();
    int ticks = 0;
    while (e.decision() == SequentialDecision.CONTINUE) {
      e = SequentialJudge.observe(ERRORS, e, TickCounts.of(1000, 10), TickCounts.of(9000, 45)).evidence();
      ticks++;
    }
    SequentialResult after = SequentialJudge.observe(ERRORS, e, TickCounts.of(1000, 0), TickCounts.of(9000, 500));

    assertThat(e.decision()).isEqualTo(SequentialDecision.FAIL);
    assertThat(ticks).isBetween(2, 4);
    assertThat(after.decision()).isEqualTo(SequentialDecision.FAIL);
    assertThat(after.evidence().logRatio()).isEqualTo(e.logRatio());
    assertThat(after.toVerdict("errors", true).label()).isEqualTo(VerdictLabel.FAIL_HIGH);
    assertThat(after.reason()).contains("reached 1/alpha = 100: worse than allowed");
  }

  @Test
  void acceptsOnceTheRatioForTheAcceptableRateReachesOneOverBetaAndStaysAccepted() {
    SequentialEvidence e = SequentialEvidence.none();
    while (e.decision() == SequentialDecision.CONTINUE) {
      e = SequentialJudge.observe(ERRORS, e, TickCounts.of(1000, 5), TickCounts.of(9000, 45)).evidence();
    }
    SequentialResult after = SequentialJudge.observe(ERRORS, e, TickCounts.of(1000, 100), TickCounts.of(9000, 45));

    assertThat(e.decision()).isEqualTo(SequentialDecision.PASS);
    assertThat(e.logRatio()).isLessThanOrEqualTo(-Math.log(20));
    assertThat(after.decision()).as("Wald's test ends at its boundary").isEqualTo(SequentialDecision.PASS);
    assertThat(after.toVerdict("errors", true).statistics()).doesNotContainKey(Verdict.HOLDS_PROMOTION);
    assertThat(after.reason()).contains("reached -log(1/beta) = -3: not meaningfully worse");
  }

  @Test
  void anUndecidedTestPassesButHoldsThePromotionWhenSoConfigured() {
    SequentialResult r = SequentialJudge.observe(ERRORS, SequentialEvidence.none(), TickCounts.of(1000, 5), TickCounts.of(9000, 45));
    Verdict v = r.toVerdict("errors", true);

    assertThat(v.label()).isEqualTo(VerdictLabel.PASS);
    assertThat(v.statistics()).containsEntry(Verdict.HOLDS_PROMOTION, 1.0).containsEntry("detectRatio", 2.0)
        .containsKeys("logLikelihoodRatio", "failAt", "acceptAt");
    assertThat(v.reason()).startsWith("undecided: log likelihood ratio -1.3 of 2 x against 1 x the primary's rate");
  }

  @Test
  void aLatencySlowdownBecomesASlowRequestRatioThroughThePrimarysHistogram() {
    SequentialConfig latency = SequentialConfig.custom().allowedDegradation(0).detectSlowdown(0.15).latencyQuantile(0.95).build();
    double[] bounds = {100, 250, 500, Double.POSITIVE_INFINITY};
    // A lognormal with median 100 ms and sigma 0.5: 50 % at or below 100 ms, 96.66 % at or below 250 ms.
    LatencyHistogram primary = new LatencyHistogram(bounds, new long[] {5000, 9666, 9994, 10000});

    SequentialResult r = SequentialJudge.observeLatency(latency, SequentialEvidence.none(), primary, primary);

    assertThat(r.evidence().bound()).isEqualTo(250.0);
    // truly P(X > 250 / 1.15) / P(X > 250) = 6.06 % / 3.34 % = 1.81
    assertThat(r.evidence().detectRatio()).isCloseTo(1.80, within(0.01));
    assertThat(r.reason()).contains("15 % slower requests would make 1.8 x as many slow ones");
  }

  @Test
  void theShareAboveALatencyFallsGeometricallyInsideItsBucket() {
    LatencyHistogram h = new LatencyHistogram(new double[] {100, 250, Double.POSITIVE_INFINITY}, new long[] {5000, 9666, 10000});

    assertThat(h.shareAbove(100)).isEqualTo(0.5);
    assertThat(h.shareAbove(250)).isCloseTo(0.0334, within(1e-12));
    assertThat(h.shareAbove(175)).isCloseTo(0.5 * Math.sqrt(0.0334 / 0.5), within(1e-12));
    assertThat(h.shareAbove(50)).isCloseTo(Math.sqrt(0.5), within(1e-12));
    assertThat(h.shareAbove(1000)).isCloseTo(0.0334, within(1e-12));
    assertThat(new LatencyHistogram(new double[] {Double.POSITIVE_INFINITY}, new long[] {0}).shareAbove(1)).isNaN();
  }

  @Test
  void theSlowRequestBoundIsTheEndOfTheQuantilesBucketWithAShareAboveItNearerToTheQuantiles() {
    double[] bounds = {100, 250, 500, Double.POSITIVE_INFINITY};
    // p95 near 130 ms: 22.8 % above 100 ms, 0.007 % above 250 ms
    LatencyHistogram narrow = new LatencyHistogram(bounds, new long[] {7720, 9999, 10000, 10000});
    // p95 near 227 ms: 50 % above 100 ms, 3.34 % above 250 ms
    LatencyHistogram wide = new LatencyHistogram(bounds, new long[] {5000, 9666, 9994, 10000});

    assertThat(narrow.nearestBound(0.95)).isEqualTo(100.0);
    assertThat(narrow.quantileBound(0.95)).isEqualTo(250.0);
    assertThat(wide.nearestBound(0.95)).isEqualTo(250.0);
    assertThat(new LatencyHistogram(bounds, new long[] {0, 10000, 10000, 10000}).nearestBound(0.95))
        .as("never an end with nothing above it").isEqualTo(100.0);
  }

  @Test
  void aDetectedRatioTooCloseToTheAcceptableOneIsKeptApartSoTheTestCanEnd() {
    SequentialConfig latency = SequentialConfig.custom().allowedDegradation(0).detectSlowdown(0.01).latencyQuantile(0.95).build();
    LatencyHistogram primary = new LatencyHistogram(new double[] {100, 250, Double.POSITIVE_INFINITY}, new long[] {5000, 9666, 10000});

    SequentialResult r = SequentialJudge.observeLatency(latency, SequentialEvidence.none(), primary, primary);

    assertThat(r.evidence().detectRatio()).isEqualTo(SequentialConfig.MIN_SEPARATION);
  }
}
