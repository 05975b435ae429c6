package dev.canary4j.judge.mannwhitney;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Kayenta's classifier test cases, run through {@link MannWhitneyJudge} with the same parameters. */
class KayentaClassifierVectorsTest {

  private static final String ROOT_FINDER_ARTEFACT = "Mann-Whitney Classifier Test: High Metric (Large Input)";

  @TestFactory
  Stream<DynamicTest> everyClassifierCaseGetsKayentasLabel() {
    List<JsonNode> cases = KayentaVectors.section("classifier_tests");
    assertThat(cases).hasSize(34);
    return cases.stream()
        .filter(c -> !ROOT_FINDER_ARTEFACT.equals(KayentaVectors.text(c, "name")))
        .map(c -> DynamicTest.dynamicTest(KayentaVectors.text(c, "name"), () -> {
          MannWhitneyResult r = classify(c);
          String expected = KayentaVectors.text(c, "expected_classification");
          if (expected != null) {
            assertThat(r.label()).as(r.reason()).isEqualTo(label(expected));
          }
          String critical = KayentaVectors.text(c, "expected_critical");
          if (critical != null) {
            assertThat(r.critical()).as(r.reason()).isEqualTo(Boolean.parseBoolean(critical));
          }
          if (c.has("expected_reason_nonempty")) {
            assertThat(r.reason()).isNotBlank();
          }
        }));
  }

  /**
   * Kayenta labels this case HIGH only because its root finder returned an interval whose lower end
   * (3.5e-5) is above its upper end (2.0e-5) and above the margin 0.1 x 2.6e-5; both samples are
   * mostly 0 and the function it searches is flat there. Exactly, the median of the pairwise
   * differences is 0 and the interval contains 0, so nothing clears the margin: PASS.
   */
  @Test
  void largeInputCaseThatKayentaCallsHighOnlyThroughItsRootFinderPassesWhenComputedExactly() {
    assertThat(KayentaVectors.notes()).contains(ROOT_FINDER_ARTEFACT).contains("exact Hodges-Lehmann computation gives Pass");
    JsonNode c = KayentaVectors.named("classifier_tests", ROOT_FINDER_ARTEFACT);
    MannWhitneyResult r = classify(c);

    assertThat(KayentaVectors.text(c, "expected_classification")).isEqualTo("High");
    assertThat(r.label()).isEqualTo(MannWhitneyLabel.PASS);
    assertThat(r.shift().estimate()).isEqualTo(0.0);
    assertThat(r.shift().lower()).isLessThanOrEqualTo(0.0);
    assertThat(r.shift().upper()).isGreaterThanOrEqualTo(0.0);
    assertThat(r.effectSize()).isCloseTo(c.at("/derived/mean_ratio").asDouble(), within(1e-9));
  }

  @Test
  void effectSizesMatchTheDerivedFigures() {
    for (JsonNode c : KayentaVectors.section("classifier_tests")) {
      JsonNode derived = c.get("derived");
      if (derived == null || derived.get("effect_size").isNull()) {
        continue;
      }
      MannWhitneyResult r = classify(c);
      // The derivation jitters samples that are constant within each group (as Kayenta does before its
      // root finder), which moves their mean ratio by about 1e-6 relative.
      assertThat(r.effectSize()).as(KayentaVectors.text(c, "name"))
          .isCloseTo(derived.get("effect_size").asDouble(), within(1e-5 * Math.abs(r.effectSize())));
    }
  }

  @Test
  void zeroBaselineMeanLeavesTheMeanRatioUndefinedAndOutOfTheStatistics() {
    JsonNode c = KayentaVectors.named("classifier_tests", "Mann-Whitney Zero Mean: High Metric with Effect Size");
    MannWhitneyResult r = classify(c);

    assertThat(r.effectSize()).isNaN();
    assertThat(r.toVerdict().statistics()).doesNotContainKeys("effectSize", "meanRatio").containsKeys("estimate", "pValue");
  }

  @Test
  void meanInequalityCasesAgreeWithTheRankTestOnClearCutSamples() {
    MannWhitneyConfig config = MannWhitneyConfig.custom().tolerance(0.1).confidenceLevel(0.95).build();
    for (JsonNode c : KayentaVectors.section("mean_inequality_tests")) {
      MannWhitneyResult r = MannWhitneyJudge.classify("metric", KayentaVectors.values(c, "experiment"),
          KayentaVectors.values(c, "control"), config);
      assertThat(r.label()).as(KayentaVectors.text(c, "name")).isEqualTo(label(KayentaVectors.text(c, "expected")));
    }
  }

  static MannWhitneyResult classify(JsonNode c) {
    JsonNode p = c.get("params");
    MannWhitneyConfig config = MannWhitneyConfig.custom()
        .tolerance(p.get("tolerance").asDouble())
        .confidenceLevel(p.get("confLevel").asDouble())
        .effectSize(EffectSizeMeasure.parse(p.get("effectSizeMeasure").asText()),
            p.at("/effectSizeThresholds/0").asDouble(), p.at("/effectSizeThresholds/1").asDouble())
        .criticalEffectSize(p.at("/criticalThresholds/0").asDouble(), p.at("/criticalThresholds/1").asDouble())
        .direction(Direction.parse(p.get("direction").asText()))
        .nanStrategy(NanStrategy.parse(p.get("nanStrategy").asText()))
        .critical(p.get("isCriticalMetric").asBoolean())
        .build();
    return MannWhitneyJudge.classify("metric", KayentaVectors.values(c, "experiment"), KayentaVectors.values(c, "control"), config);
  }

  static MannWhitneyLabel label(String kayenta) {
    return switch (kayenta.toLowerCase(Locale.ROOT)) {
      case "pass" -> MannWhitneyLabel.PASS;
      case "high" -> MannWhitneyLabel.HIGH;
      case "low" -> MannWhitneyLabel.LOW;
      case "nodata" -> MannWhitneyLabel.NO_DATA;
      default -> throw new IllegalArgumentException("unknown Kayenta label " + kayenta);
    };
  }
}
