package dev.canary4j.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} header: delay seconds or an HTTP date (RFC 9110, section 10.2.3). */
public final class RetryAfter {

  // A longer number of seconds is surely not meant; parsing it would only risk overflow.
  private static final int MAX_DIGITS = 9;

  private RetryAfter() {}

  /**
   * How long {@code header} asks to wait, measured from {@code now} for an HTTP date; {@code null}
   * when the header is absent or unreadable. A date in the past means no wait.
   *
   * @param header the {@code Retry-After} value: seconds or an HTTP date; or {@code null}
   * @param now the time an HTTP date is measured from
   * @return the wait, zero or positive; or {@code null}
   */
  public static Duration parse(String header, Instant now) {
    if (header == null) {
      return null;
    }
    String value = header.strip();
    if (!value.isEmpty() && value.length() <= MAX_DIGITS && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    if (value.length() > 64) {
      return null;
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
