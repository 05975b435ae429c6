package dev.canary4j.prometheus.internal;

import com.fasterxml.jackson.core.io.NumberInput;

/** Converts the API's textual sample values and decimal-second timestamps without allocating. */
public final class SampleValues {

  private SampleValues() {}

  /** The value of a sample string: a decimal number, {@code NaN}, {@code +Inf} or {@code -Inf}. */
  public static double parse(String text) {
    return parse(text.toCharArray(), 0, text.length());
  }

  /** The value of the sample string in {@code chars[offset, offset + length)}. */
  public static double parse(char[] chars, int offset, int length) {
    if (length == 3 && chars[offset] == 'N' && chars[offset + 1] == 'a' && chars[offset + 2] == 'N') {
      return Double.NaN;
    }
    if (length == 4 && chars[offset + 1] == 'I' && chars[offset + 2] == 'n' && chars[offset + 3] == 'f') {
      if (chars[offset] == '+') {
        return Double.POSITIVE_INFINITY;
      }
      if (chars[offset] == '-') {
        return Double.NEGATIVE_INFINITY;
      }
    }
    if (length == 0 || !isNumberStart(chars[offset])) {
      throw new NumberFormatException("not a sample value: '" + new String(chars, offset, length) + "'");
    }
    return NumberInput.parseDouble(chars, offset, length, true);
  }

  private static boolean isNumberStart(char c) {
    // Guards the fast parser against words it would otherwise read as numbers ("Infinity").
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
  }

  /**
   * Epoch milliseconds of a timestamp written as decimal seconds ({@code 1700000000.123}), or
   * {@link Long#MIN_VALUE} when the text has another form (an exponent, a sign) and must be parsed
   * the slow way. Digits beyond milliseconds are rounded.
   */
  public static long secondsToMillis(char[] chars, int offset, int length) {
    long seconds = 0;
    int i = offset;
    int end = offset + length;
    while (i < end && chars[i] >= '0' && chars[i] <= '9') {
      seconds = seconds * 10 + (chars[i] - '0');
      i++;
    }
    if (i == offset || i - offset > 15) {
      return Long.MIN_VALUE;
    }
    long millis = 0;
    if (i < end) {
      if (chars[i] != '.') {
        return Long.MIN_VALUE;
      }
      i++;
      int digits = 0;
      int roundDigit = 0;
      for (; i < end; i++) {
        char c = chars[i];
        if (c < '0' || c > '9') {
          return Long.MIN_VALUE;
        }
        if (digits < 3) {
          millis = millis * 10 + (c - '0');
        } else if (digits == 3) {
          roundDigit = c - '0';
        }
        digits++;
      }
      for (; digits < 3; digits++) {
        millis *= 10;
      }
      if (roundDigit >= 5) {
        millis++;
      }
    }
    return seconds * 1000 + millis;
  }
}
