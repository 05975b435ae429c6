package dev.canary4j.judge.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.InvalidPolicyException;
import org.junit.jupiter.api.Test;

class SequentialJudgeTest {

  private static final SequentialConfig CONFIG = SequentialConfig.ofDefaults();

  @Test
  void evidenceIsAValueTheJudgeNeverChanges() {
    SequentialEvidence before = SequentialEvidence.none();
    SequentialResult r = SequentialJudge.observe(CONFIG, before, TickCounts.of(1000, 9), TickCounts.of(9000, 45));

    assertThat(before).isEqualTo(SequentialEvidence.none());
    assertThat(r.evidence()).isNotEqualTo(before);
    assertThat(r.evidence().canaryBad()).isEqualTo(9);
    assertThat(r.evidence().primaryRequests()).isEqualTo(9000);
    double[] leaked = r.evidence().againstCanary();
    leaked[0] = 1e9;
    assertThat(r.evidence().againstCanary()[0]).isNotEqualTo(1e9);
  }

  @Test
  void evidenceSurvivesAJsonRoundTripSoARestartedRunnerResumesIt() throws Exception {
    ObjectMapper json = new ObjectMapper();
    SequentialEvidence e = SequentialJudge.observe(CONFIG, SequentialEvidence.none(), TickCounts.of(1000, 9),
        TickCounts.of(9000, 45)).evidence();
    SequentialEvidence withBound = SequentialJudge.observeLatency(CONFIG, SequentialEvidence.none(),
        new LatencyHistogram(new double[] {100, Double.POSITIVE_INFINITY}, new long[] {990, 1000}),
        new LatencyHistogram(new double[] {100, Double.POSITIVE_INFINITY}, new long[] {990, 1000})).evidence();

    assertThat(json.readValue(json.writeValueAsString(e), SequentialEvidence.class)).isEqualTo(e);
    assertThat(json.readValue(json.writeValueAsString(withBound), SequentialEvidence.class)).isEqualTo(withBound);
  }

  @Test
  void sameInputsGiveTheSameEvidence() {
    SequentialResult a = SequentialJudge.observe(CONFIG, SequentialEvidence.none(), TickCounts.of(1000, 9), TickCounts.of(9000, 45));
    SequentialResult b = SequentialJudge.observe(CONFIG, SequentialEvidence.none(), TickCounts.of(1000, 9), TickCounts.of(9000, 45));

    assertThat(a).isEqualTo(b);
    assertThat(a.evidence().hashCode()).isEqualTo(b.evidence().hashCode());
  }

  @Test
  void aTickWithoutBadRequestsCarriesNoEvidenceButCountsTraffic() {
    SequentialResult r = SequentialJudge.observe(CONFIG, SequentialEvidence.none(), TickCounts.of(500, 0), TickCounts.of(4500, 0));

    assertThat(r.evidence().ticks()).isZero();
    assertThat(r.evidence().canaryRequests()).isEqualTo(500);
    assertThat(r.evidence().eValueAgainst()).isEqualTo(1.0);
    assertThat(r.decision()).isEqualTo(SequentialDecision.CONTINUE);
  }

  @Test
  void failsWhenTheEvidenceCrossesOneOverAlphaAndStaysFailed() {
    SequentialResult r = SequentialJudge.observe(CONFIG, SequentialEvidence.none(), TickCounts.of(2000, 40), TickCounts.of(18000, 90));

    assertThat(r.decision()).isEqualTo(SequentialDecision.FAIL);
    assertThat(r.evidence().eValueAgainst()).isGreaterThanOrEqualTo(100);
    assertThat(r.reason()).startsWith("evidence ").contains("crossed 1/alpha = 100").contains("canary 40/2000 bad");
    SequentialResult later = SequentialJudge.observe(CONFIG, r.evidence(), TickCounts.of(2000, 0), TickCounts.of(18000, 90));
    assertThat(later.decision()).isEqualTo(SequentialDecision.FAIL);
    assertThat(later.reason()).startsWith("failed earlier");
  }

  @Test
  void evidenceAccountsForTheTrafficWeight() {
    // 10 errors of 20 in the canary is bad at a 10 % weight but expected at 50 %.
    SequentialResult small = SequentialJudge.observe(CONFIG, SequentialEvidence.none(), TickCounts.of(1000, 10), TickCounts.of(9000, 10));
    SequentialResult even = SequentialJudge.observe(CONFIG, SequentialEvidence.none(), TickCounts.of(5000, 10), TickCounts.of(5000, 10));

    assertThat(small.evidence().eValueAgainst()).isGreaterThan(100);
    assertThat(even.evidence().eValueAgainst()).isLessThan(1);
  }

  @Test
  void verdictsMapDecisionsAndCarryTheFigures() {
    SequentialResult undecided = SequentialJudge.observe(CONFIG, SequentialEvidence.none(), TickCounts.of(1000, 5), TickCounts.of(9000, 45));
    SequentialConfig holding = SequentialConfig.custom().whileUndecided(SequentialConfig.WhileUndecided.HOLD).build();
    SequentialResult held = SequentialJudge.observe(holding, SequentialEvidence.none(), TickCounts.of(1000, 5), TickCounts.of(9000, 45));

    Verdict v = undecided.toVerdict("errors", true);
    assertThat(v.label()).isEqualTo(VerdictLabel.PASS);
    assertThat(v.critical()).isTrue();
    assertThat(v.canary()).isEqualTo(0.005);
    assertThat(v.statistics()).containsEntry("eValueThreshold", 100.0).containsEntry("acceptableRatio", 1.25)
        .containsKeys("eValueAgainst", "eValueFor", "rateRatio");
    assertThat(v.reason()).startsWith("undecided: evidence against the canary");
    assertThat(held.toVerdict("errors", false).label()).isEqualTo(VerdictLabel.NO_DATA);
  }

  @Test
  void latencyBoundIsFixedFromThePrimarysQuantileBucketAndCountedFromTheNextTick() {
    double[] bounds = {100, 250, 500, Double.POSITIVE_INFINITY};
    LatencyHistogram primary = new LatencyHistogram(bounds, new long[] {5000, 9800, 9950, 10000});
    LatencyHistogram canary = new LatencyHistogram(bounds, new long[] {400, 900, 950, 1000});

    SequentialResult first = SequentialJudge.observeLatency(CONFIG, SequentialEvidence.none(), canary, primary);
    SequentialResult second = SequentialJudge.observeLatency(CONFIG, first.evidence(), canary, primary);

    assertThat(first.evidence().bound()).isEqualTo(500.0);
    assertThat(first.evidence().canaryRequests()).isZero();
    assertThat(first.reason()).isEqualTo("slow requests are those above 500, the primary's p99 bucket; counting starts with the next tick");
    assertThat(second.evidence().canaryBad()).isEqualTo(50);
    assertThat(second.evidence().primaryBad()).isEqualTo(50);
    assertThat(second.decision()).isEqualTo(SequentialDecision.FAIL);
  }

  @Test
  void latencyWaitsForEnoughPrimaryTrafficToFixTheBound() {
    double[] bounds = {100, Double.POSITIVE_INFINITY};
    LatencyHistogram thin = new LatencyHistogram(bounds, new long[] {90, 100});

    SequentialResult r = SequentialJudge.observeLatency(CONFIG, SequentialEvidence.none(), thin, thin);

    assertThat(r.evidence().bound()).isNaN();
    assertThat(r.reason()).isEqualTo("waiting for 1000 primary requests to fix the slow-request bound at its p99 bucket; got 100");
  }

  @Test
  void thinTicksAddUpUntilTheBoundCanBeFixed() {
    double[] bounds = {100, 250, Double.POSITIVE_INFINITY};
    LatencyHistogram thin = new LatencyHistogram(bounds, new long[] {300, 590, 600});
    SequentialEvidence e = SequentialEvidence.none();

    e = SequentialJudge.observeLatency(CONFIG, e, thin, thin).evidence();
    assertThat(e.bound()).isNaN();
    assertThat(e.primaryBuckets()).containsExactly(300, 590, 600);
    e = SequentialJudge.observeLatency(CONFIG, e, thin, thin).evidence();

    assertThat(e.bound()).as("1 200 requests, 98.3 % of them at or below 250").isEqualTo(250.0);
    assertThat(e.primaryBuckets()).isEmpty();
    assertThat(e.canaryRequests()).isZero();
  }

  @Test
  void histogramsAndCountsRejectImpossibleShapesSayingWhere() {
    assertThatThrownBy(() -> new LatencyHistogram(new double[] {100, 50, Double.POSITIVE_INFINITY}, new long[] {1, 2, 3}))
        .hasMessage("Expected ascending bucket bounds but bound 1 (50.0) is not above bound 0 (100.0)");
    assertThatThrownBy(() -> new LatencyHistogram(new double[] {100}, new long[] {1}))
        .hasMessage("Expected the last bucket bound to be +Inf but was 100.0");
    assertThatThrownBy(() -> TickCounts.of(10, 11)).hasMessage("bad requests must be between 0 and requests (10), but was 11");
  }

  @Test
  void histogramQuantileBucketAndSlowCounts() {
    LatencyHistogram h = new LatencyHistogram(new double[] {100, 250, 500, Double.POSITIVE_INFINITY}, new long[] {50, 98, 99, 100});

    assertThat(h.quantileBound(0.5)).isEqualTo(100.0);
    assertThat(h.quantileBound(0.99)).isEqualTo(500.0);
    assertThat(h.quantileBound(0.999)).isEqualTo(500.0);
    assertThat(h.slowerThan(250)).isEqualTo(TickCounts.of(100, 2));
    assertThat(h.slowerThan(300)).isEqualTo(TickCounts.of(100, 2));
  }

  @Test
  void configReportsEveryBrokenRuleWithItsPath() {
    assertThatThrownBy(() -> SequentialConfig.custom().alpha(0).allowedDegradation(-0.1).latencyQuantile(1).build())
        .isInstanceOf(InvalidPolicyException.class)
        .satisfies(e -> assertThat(((InvalidPolicyException) e).violations()).extracting(Object::toString).containsExactly(
            "sequential.alpha: must be greater than 0 and lower than 1, but was 0.0",
            "sequential.allowedDegradation: must be between 0 and 100 (a fraction: 0.25 is 25 %), but was -0.1",
            "sequential.latencyQuantile: must be greater than 0 and lower than 1, but was 1.0"));
    assertThat(SequentialConfig.ofDefaults().acceptableRatio()).isCloseTo(1.25, within(1e-12));
    assertThat(SequentialConfig.ofDefaults().judgeName()).isEqualTo("sequential");
  }
}
