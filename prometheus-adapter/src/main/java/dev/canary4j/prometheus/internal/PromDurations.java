package dev.canary4j.prometheus.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** Formats times and durations the way the Prometheus API and PromQL read them. */
public final class PromDurations {

  private PromDurations() {}

  /** {@code time} as decimal epoch seconds, for example {@code 1700000000.25}. */
  public static String epochSeconds(Instant time) {
    return BigDecimal.valueOf(time.toEpochMilli()).movePointLeft(3).stripTrailingZeros().toPlainString();
  }

  /** {@code duration} as decimal seconds, for example {@code 60} or {@code 0.5}. */
  public static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
  }

  /**
   * {@code duration} as a PromQL duration literal in its largest exact unit ({@code 5m}, {@code 90s},
   * {@code 1500ms}); fails for durations shorter than a millisecond or not whole milliseconds.
   */
  public static String promQl(Duration duration) {
    long millis = duration.toMillis();
    if (millis <= 0 || !duration.equals(Duration.ofMillis(millis))) {
      throw new IllegalArgumentException("a PromQL duration must be a positive whole number of milliseconds, but was " + duration);
    }
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
    throw new AssertionError("unreachable: every whole millisecond count is divisible by 1");
  }
}
