package dev.canary4j.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PromDurationsTest {

  @Test
  void writesDurationsInTheirLargestExactUnit() {
    assertThat(PromDurations.promQl(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(PromDurations.promQl(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(PromDurations.promQl(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(PromDurations.promQl(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @Test
  void refusesDurationsPromQlCannotWrite() {
    assertThatThrownBy(() -> PromDurations.promQl(Duration.ZERO)).hasMessageContaining("but was PT0S");
    assertThatThrownBy(() -> PromDurations.promQl(Duration.ofNanos(1_500_000))).hasMessageContaining("whole number of milliseconds");
  }

  @Test
  void writesTimesAndStepsAsDecimalSeconds() {
    assertThat(PromDurations.epochSeconds(Instant.ofEpochMilli(1_700_000_000_250L))).isEqualTo("1700000000.25");
    assertThat(PromDurations.epochSeconds(Instant.ofEpochSecond(1_700_000_000L))).isEqualTo("1700000000");
    assertThat(PromDurations.seconds(Duration.ofMillis(500))).isEqualTo("0.5");
    assertThat(PromDurations.seconds(Duration.ofMinutes(1))).isEqualTo("60");
  }
}
