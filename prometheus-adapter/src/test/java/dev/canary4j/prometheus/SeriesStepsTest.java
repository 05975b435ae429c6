package dev.canary4j.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeriesStepsTest {
  static final Instant END = Instant.parse("2025-06-01T10:30:00Z");

  @Test
  void pointsEndAtTheWindowsEndAndEachCoversAStepInsideTheWindow() {
    SeriesSteps.Range range = new SeriesSteps(Duration.ofMinutes(1)).rangeFor(END, Duration.ofMinutes(5));

    assertThat(range.step()).isEqualTo(Duration.ofMinutes(1));
    assertThat(range.end()).isEqualTo(END);
    assertThat(range.start()).isEqualTo(END.minus(Duration.ofMinutes(4)));
  }

  @Test
  void aStepLongerThanTheWindowShrinksToTheWindow() {
    SeriesSteps.Range range = new SeriesSteps(Duration.ofMinutes(10)).rangeFor(END, Duration.ofMinutes(2));

    assertThat(range.step()).isEqualTo(Duration.ofMinutes(2));
    assertThat(range.start()).isEqualTo(END);
  }

  @Test
  void theStepWidensSoThatPrometheusPointLimitIsNotExceeded() {
    SeriesSteps.Range range = new SeriesSteps(Duration.ofSeconds(1)).rangeFor(END, Duration.ofDays(1));

    long points = Duration.between(range.start(), range.end()).toMillis() / range.step().toMillis() + 1;
    assertThat(points).isLessThanOrEqualTo(SeriesSteps.MAX_POINTS);
    assertThat(range.step()).isGreaterThan(Duration.ofSeconds(1));
  }
}
