package dev.canary4j.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads a duration as policies and Prometheus write it ({@code 10m}, {@code 1h30m}, {@code 90s}) or as ISO-8601. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  @Override
  public Duration convert(String text) {
    if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return positive(Duration.parse(text), text);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("Expected a duration such as 10m or PT10M but was '" + text + "'");
      }
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      end = m.end();
    }
    if (end != text.length() || text.isEmpty()) {
      throw new CommandLine.TypeConversionException("Expected a duration such as 10m, 1h30m or 90s but was '" + text + "'");
    }
    return positive(total, text);
  }

  private static Duration positive(Duration d, String text) {
    if (d.isZero() || d.isNegative()) {
      throw new CommandLine.TypeConversionException("Expected a positive duration but was '" + text + "'");
    }
    return d;
  }
}
