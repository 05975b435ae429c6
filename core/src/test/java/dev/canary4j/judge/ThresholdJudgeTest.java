package dev.canary4j.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.policy.MetricCheck;
import org.junit.jupiter.api.Test;

class ThresholdJudgeTest {

  private static final MetricCheck SUCCESS = MetricCheck.successRate(99).withMinRequests(100);
  private static final MetricCheck LATENCY = MetricCheck.latencyP99(500).withMaxIncrease(10.0).withCritical(true);

  @Test
  void passesAValueWithinItsBoundsAndSaysWhich() {
    Verdict v = ThresholdJudge.judge(SUCCESS, Measurement.of(99.5, 1000), Measurement.of(99.9, 5000));

    assertThat(v.label()).isEqualTo(VerdictLabel.PASS);
    assertThat(v.canary()).isEqualTo(99.5);
    assertThat(v.threshold()).isEqualTo(">= 99");
    assertThat(v.reason()).isEqualTo("canary 99.5 is within >= 99");
  }

  @Test
  void failsLowBelowTheMinimum() {
    Verdict v = ThresholdJudge.judge(SUCCESS, Measurement.of(97.25, 1000), Measurement.of(99.9, 1000));

    assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_LOW);
    assertThat(v.reason()).isEqualTo("canary 97.25 is below the minimum 99");
  }

  @Test
  void failsHighAboveTheMaximum() {
    Verdict v = ThresholdJudge.judge(LATENCY, Measurement.of(612, 1000), Measurement.of(600, 1000));

    assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_HIGH);
    assertThat(v.critical()).isTrue();
  }

  @Test
  void failsHighWhenTheIncreaseOverThePrimaryExceedsTheAllowedPercentage() {
    Verdict v = ThresholdJudge.judge(LATENCY, Measurement.of(231, 1000), Measurement.of(200, 1000));

    assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_HIGH);
    assertThat(v.primary()).isEqualTo(200.0);
    assertThat(v.threshold()).isEqualTo("<= 500 and <= primary +10%");
    assertThat(v.reason()).isEqualTo("canary 231 is more than 10% above the primary's 200 (limit 220)");
  }

  @Test
  void passesAnIncreaseWithinTheAllowedPercentage() {
    assertThat(ThresholdJudge.judge(LATENCY, Measurement.of(219, 10), Measurement.of(200, 10)).label())
        .isEqualTo(VerdictLabel.PASS);
  }

  @Test
  void failsLowWhenTheDecreaseBelowThePrimaryExceedsTheAllowedPercentage() {
    MetricCheck check = MetricCheck.successRate(90).withMaxDecrease(1.0);

    Verdict v = ThresholdJudge.judge(check, Measurement.of(97.0), Measurement.of(99.5));

    assertThat(v.label()).isEqualTo(VerdictLabel.FAIL_LOW);
  }

  @Test
  void noDataIsItsOwnVerdictNotAFailure() {
    Verdict v = ThresholdJudge.judge(SUCCESS, Measurement.noData(), Measurement.of(99.9, 1000));

    assertThat(v.label()).isEqualTo(VerdictLabel.NO_DATA);
    assertThat(v.reason()).isEqualTo("no data for the canary");
  }

  @Test
  void tooFewRequestsMakeNoData() {
    Verdict v = ThresholdJudge.judge(SUCCESS, Measurement.of(50.0, 4), Measurement.of(99.9, 1000));

    assertThat(v.label()).isEqualTo(VerdictLabel.NO_DATA);
    assertThat(v.reason()).isEqualTo("the canary served 4 requests, fewer than minRequests 100");
  }

  @Test
  void anUnknownRequestCountCannotSatisfyMinRequests() {
    assertThat(ThresholdJudge.judge(SUCCESS, Measurement.of(99.9), Measurement.of(99.9)).reason())
        .isEqualTo("the canary's request count is unknown but minRequests is 100");
  }

  @Test
  void tooFewSamplesMakeNoData() {
    MetricCheck check = MetricCheck.latencyP99(500).withMinSamples(5);

    assertThat(ThresholdJudge.judge(check, new Measurement(100.0, -1, 3), null).label()).isEqualTo(VerdictLabel.NO_DATA);
    assertThat(ThresholdJudge.judge(check, new Measurement(100.0, -1, 5), null).label()).isEqualTo(VerdictLabel.PASS);
  }

  @Test
  void aNaNOrInfiniteValueIsNoData() {
    assertThat(ThresholdJudge.judge(LATENCY, Measurement.of(Double.NaN, 10), Measurement.of(1, 10)).label())
        .isEqualTo(VerdictLabel.NO_DATA);
    assertThat(ThresholdJudge.judge(LATENCY, Measurement.of(Double.POSITIVE_INFINITY, 10), Measurement.of(1, 10)).label())
        .isEqualTo(VerdictLabel.NO_DATA);
  }

  @Test
  void aRelativeThresholdWithoutAPrimaryValueIsNoDataButKeepsTheCanarysValue() {
    Verdict v = ThresholdJudge.judge(MetricCheck.latencyP99(500).withMaxIncrease(10.0), Measurement.of(100, 10), Measurement.noData());

    assertThat(v.label()).isEqualTo(VerdictLabel.NO_DATA);
    assertThat(v.canary()).isEqualTo(100.0);
    assertThat(v.reason()).isEqualTo("no data for the primary, so the relative threshold cannot be judged");
  }
}
