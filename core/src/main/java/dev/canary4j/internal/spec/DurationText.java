package dev.canary4j.internal.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as policy files write them: Go style like Flagger and Prometheus ({@code 30s},
 * {@code 1m}, {@code 1h30m}, {@code 1.5h}, {@code 500ms}) or ISO-8601 ({@code PT1M}).
 */
public final class DurationText {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
      "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private DurationText() {}

  /** The duration {@code text} names, or {@code null} when it is not a duration. */
  public static Duration parse(String text) {
    String t = text.strip();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    if (t.toUpperCase(Locale.ROOT).matches("[+-]?P.*")) {
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    boolean negative = t.startsWith("-");
    String parts = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    if (parts.isEmpty()) {
      return null;
    }
    // Part by part rather than one repeated group, whose backtracking recurses once per part and
    // overflows the stack on a long value.
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(parts);
    int at = 0;
    while (at < parts.length()) {
      part.region(at, parts.length());
      if (!part.lookingAt()) {
        return null;
      }
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))));
      at = part.end();
    }
    if (negative) {
      nanos = nanos.negate();
    }
    BigDecimal[] secondsAndNanos = nanos.setScale(0, RoundingMode.HALF_EVEN).divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
    try {
      return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    } catch (ArithmeticException e) {
      return null;
    }
  }
}
