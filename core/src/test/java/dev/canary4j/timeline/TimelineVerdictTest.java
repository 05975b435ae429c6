package dev.canary4j.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineVerdictTest {

  private static final Verdict BROKEN_BOUND = Verdict.of("p99", VerdictLabel.FAIL_HIGH, 612.0, 580.0, "<= 600",
      "canary 612 is above the maximum 600", false);

  @Test
  void aGuardRailIsWrittenAsTheGuardRailStatisticTheTimelineFormatAlwaysHad() {
    TimelineVerdict rail = TimelineVerdict.of(BROKEN_BOUND.asGuardRail());

    assertThat(rail.statistics()).isEqualTo(Map.of("guardRail", 1.0));
    assertThat(rail.guardRail()).isTrue();
  }

  @Test
  void aPlainVerdictKeepsItsStatisticsAsTheyAre() {
    Verdict scored = new Verdict("p99", VerdictLabel.PASS, 500.0, 498.0, "", "", false, Map.of("pValue", 0.4));

    assertThat(TimelineVerdict.of(scored).statistics()).isEqualTo(Map.of("pValue", 0.4));
    assertThat(TimelineVerdict.of(scored).guardRail()).isFalse();
    assertThat(TimelineVerdict.of(BROKEN_BOUND).guardRail()).isFalse();
  }
}
