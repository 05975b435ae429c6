package dev.canary4j.judge.mannwhitney;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canary4j.judge.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Cases from Kayenta users' bug reports. The label stays Kayenta's (that is the compatibility
 * promise); what changes is that the figures the reporters asked for are in the result.
 */
class KayentaIssueVectorsTest {

  @Test
  void seventyTimesWorseCanaryPassesLikeKayentaButShowsItsMeanRatioIntervalAndPValue() {
    JsonNode c = issue("spinnaker/spinnaker#6278");
    MannWhitneyResult r = classify(c);
    Verdict v = r.toVerdict();

    assertThat(r.label()).isEqualTo(MannWhitneyLabel.PASS);
    // Exactly 0 where Kayenta's root finder stopped at 6.8e-5; both are below the margin 24.75.
    assertThat(r.shift().lower()).isCloseTo(c.at("/reported/ci/0").asDouble(), within(1e-4));
    assertThat(r.shift().upper()).isEqualTo(c.at("/reported/ci/1").asDouble());
    assertThat(r.shift().estimate()).isCloseTo(c.at("/reported/estimate").asDouble(), within(1e-4));
    assertThat(r.bound()).isCloseTo(c.at("/reported/bound").asDouble(), within(1e-4));
    assertThat(v.statistics().get("meanRatio")).isCloseTo(c.at("/reported/meanRatio").asDouble(), within(1e-9));
    assertThat(v.statistics().get("pValue")).isLessThan(0.01);
    assertThat(v.reason()).contains("interval [0, 99]").contains("meanRatio 70.3");
  }

  @Test
  void errorsOnlyInTheCanaryPassLikeKayentaWithTheIntervalStartingAtZero() {
    JsonNode c = issue("spinnaker/kayenta#426");
    MannWhitneyResult r = classify(c);

    assertThat(r.label()).isEqualTo(MannWhitneyLabel.PASS);
    assertThat(r.shift().lower()).isEqualTo(c.at("/derived/ci/0").asDouble());
    assertThat(r.shift().upper()).isEqualTo(c.at("/derived/ci/1").asDouble());
    // 18 of the 36 differences are 0 and the next is 1: R's root finder may stop anywhere between
    // (it reported 0.8127); the Hodges-Lehmann median is the midpoint.
    assertThat(r.shift().estimate()).isEqualTo(0.5);
    assertThat(r.effectSize()).isNaN();
  }

  @Test
  void bimodalBaselineCasePassesLikeKayenta() {
    MannWhitneyResult r = classify(issue("spinnaker/kayenta#780 case 1"));

    assertThat(r.label()).isEqualTo(MannWhitneyLabel.PASS);
    assertThat(r.shift().lower()).isLessThan(0.0);
    assertThat(r.shift().upper()).isGreaterThan(0.0);
  }

  @Test
  void undefinedDeviationIsLeftOutRatherThanReportedAsANumber() {
    JsonNode c = issue("spinnaker/spinnaker#5622");
    MannWhitneyResult r = classify(c);

    assertThat(KayentaVectors.text(c, "kayenta_result")).isEqualTo("Pass (deviation N/A)");
    assertThat(r.label()).isEqualTo(MannWhitneyLabel.PASS);
    assertThat(r.toVerdict().statistics()).doesNotContainKeys("effectSize", "meanRatio").containsKeys("lower", "upper", "pValue");
    assertThat(r.reason()).contains("undefined (baseline mean 0)");
  }

  private static JsonNode issue(String name) {
    return KayentaVectors.section("issue_vectors").stream()
        .filter(c -> name.equals(KayentaVectors.text(c, "issue"))).findFirst().orElseThrow();
  }

  private static MannWhitneyResult classify(JsonNode c) {
    JsonNode p = c.get("params");
    MannWhitneyConfig.Builder b = MannWhitneyConfig.custom()
        .tolerance(p.get("tolerance").asDouble())
        .confidenceLevel(p.get("confLevel").asDouble());
    if (p.has("effectSizeThresholds")) {
      b.effectSize(EffectSizeMeasure.MEAN_RATIO, p.at("/effectSizeThresholds/0").asDouble(), p.at("/effectSizeThresholds/1").asDouble());
    }
    if (p.has("criticalThresholds")) {
      b.criticalEffectSize(p.at("/criticalThresholds/0").asDouble(), p.at("/criticalThresholds/1").asDouble());
    }
    if (p.has("direction")) {
      b.direction(Direction.parse(p.get("direction").asText()));
    }
    if (p.has("nanStrategy")) {
      b.nanStrategy(NanStrategy.parse(p.get("nanStrategy").asText()));
    }
    return MannWhitneyJudge.classify("metric", KayentaVectors.values(c, "experiment"), KayentaVectors.values(c, "control"), b.build());
  }
}
