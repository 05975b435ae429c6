package dev.canary4j.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reads a time as ISO-8601 with an offset ({@code 2026-03-01T14:00:00Z}) or as Unix seconds. */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {

  @Override
  public Instant convert(String text) {
    if (text.matches("\\d{1,12}(\\.\\d+)?")) {
      double seconds = Double.parseDouble(text);
      return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "Expected a time such as 2026-03-01T14:00:00Z or Unix seconds but was '" + text + "'");
    }
  }
}
