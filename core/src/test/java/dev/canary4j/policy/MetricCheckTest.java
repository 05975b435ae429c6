package dev.canary4j.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricCheckTest {

  private static final MetricCheck FULL = new MetricCheck("latency", "q{{ x }}", 1.0, 2.0, 3.0, 4.0, Duration.ofMinutes(5),
      NoDataPolicy.FAIL, 6, 7, false, Map.of("x", "y"), null);

  @Test
  void eachWithMethodChangesItsOwnFieldAndNoOther() {
    MannWhitneyConfig judge = MannWhitneyConfig.ofDefaults();

    assertThat(FULL.withQuery("other")).isEqualTo(new MetricCheck("latency", "other", 1.0, 2.0, 3.0, 4.0,
        Duration.ofMinutes(5), NoDataPolicy.FAIL, 6, 7, false, Map.of("x", "y"), null));
    assertThat(FULL.withMin(10.0)).isEqualTo(new MetricCheck("latency", "q{{ x }}", 10.0, 2.0, 3.0, 4.0,
        Duration.ofMinutes(5), NoDataPolicy.FAIL, 6, 7, false, Map.of("x", "y"), null));
    assertThat(FULL.withMax(20.0)).isEqualTo(new MetricCheck("latency", "q{{ x }}", 1.0, 20.0, 3.0, 4.0,
        Duration.ofMinutes(5), NoDataPolicy.FAIL, 6, 7, false, Map.of("x", "y"), null));
    assertThat(FULL.withMaxIncrease(30.0)).isEqualTo(new MetricCheck("latency", "q{{ x }}", 1.0, 2.0, 30.0, 4.0,
        Duration.ofMinutes(5), NoDataPolicy.FAIL, 6, 7, false, Map.of("x", "y"), null));
    assertThat(FULL.withMaxDecrease(40.0)).isEqualTo(new MetricCheck("latency", "q{{ x }}", 1.0, 2.0, 3.0, 40.0,
        Duration.ofMinutes(5), NoDataPolicy.FAIL, 6, 7, false, Map.of("x", "y"), null));
    assertThat(FULL.withInterval(Duration.ofSeconds(50))).isEqualTo(new MetricCheck("latency", "q{{ x }}", 1.0, 2.0,
        3.0, 4.0, Duration.ofSeconds(50), NoDataPolicy.FAIL, 6, 7, false, Map.of("x", "y"), null));
    assertThat(FULL.withOnNoData(NoDataPolicy.IGNORE)).isEqualTo(new MetricCheck("latency", "q{{ x }}", 1.0, 2.0, 3.0,
        4.0, Duration.ofMinutes(5), NoDataPolicy.IGNORE, 6, 7, false, Map.of("x", "y"), null));
    assertThat(FULL.withMinRequests(60)).isEqualTo(new MetricCheck("latency", "q{{ x }}", 1.0, 2.0, 3.0, 4.0,
        Duration.ofMinutes(5), NoDataPolicy.FAIL, 60, 7, false, Map.of("x", "y"), null));
    assertThat(FULL.withMinSamples(70)).isEqualTo(new MetricCheck("latency", "q{{ x }}", 1.0, 2.0, 3.0, 4.0,
        Duration.ofMinutes(5), NoDataPolicy.FAIL, 6, 70, false, Map.of("x", "y"), null));
    assertThat(FULL.withCritical(true)).isEqualTo(new MetricCheck("latency", "q{{ x }}", 1.0, 2.0, 3.0, 4.0,
        Duration.ofMinutes(5), NoDataPolicy.FAIL, 6, 7, true, Map.of("x", "y"), null));
    assertThat(FULL.withVariables(Map.of("z", "w"))).isEqualTo(new MetricCheck("latency", "q{{ x }}", 1.0, 2.0, 3.0,
        4.0, Duration.ofMinutes(5), NoDataPolicy.FAIL, 6, 7, false, Map.of("z", "w"), null));
    assertThat(FULL.withJudge(judge)).isEqualTo(new MetricCheck("latency", "q{{ x }}", 1.0, 2.0, 3.0, 4.0,
        Duration.ofMinutes(5), NoDataPolicy.FAIL, 6, 7, false, Map.of("x", "y"), judge));
  }

  @Test
  void aChangedCheckIsStillNormalisedByTheConstructor() {
    assertThat(FULL.withOnNoData(null).onNoData()).isEqualTo(NoDataPolicy.INCONCLUSIVE);
    assertThat(FULL.withVariables(null).variables()).isEmpty();
  }
}
