package dev.canary4j.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void readsGoStyleDurations() {
    assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationText.parse("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationText.parse("2h45m30.5s")).isEqualTo(Duration.parse("PT2H45M30.5S"));
    assertThat(DurationText.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(DurationText.parse("250µs")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(DurationText.parse("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(DurationText.parse(".5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void keepsTheSignSoThatTheModelCanRejectNegativeDurations() {
    assertThat(DurationText.parse("-1m")).isEqualTo(Duration.ofMinutes(-1));
    assertThat(DurationText.parse("+1m")).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void readsIsoDurations() {
    assertThat(DurationText.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
    assertThat(DurationText.parse("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationText.parse("P1D")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void rejectsTextThatIsNoDuration() {
    for (String text : new String[] {"", "60", "1", "m", "1x", "1 m", "1m 30s", "1d", "PT", "P1Y", "--1m", "1.2.3s",
        "soon", "99999999999999999999h", "1e3s"}) {
      assertThat(DurationText.parse(text)).as(text).isNull();
    }
  }
}
