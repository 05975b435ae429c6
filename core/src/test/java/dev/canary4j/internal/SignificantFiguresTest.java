package dev.canary4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Compares the formatter with {@link String#format} and with the regular expressions the judges used
 * to trim its text, over edge values and 60 000 random ones of every magnitude.
 */
class SignificantFiguresTest {

  private static final int RANDOM_VALUES = 60_000;

  @Test
  void writesEveryValueAsStringFormatDoesForEveryPrecisionUsed() {
    for (double d : values()) {
      for (int digits : new int[] {1, 3, 4, 6}) {
        assertThat(SignificantFigures.general(d, digits)).as("%%.%dg of %s", digits, Double.toString(d))
            .isEqualTo(String.format(Locale.ROOT, "%." + digits + "g", d));
      }
    }
  }

  @Test
  void trimsAsTheThresholdJudgesRegularExpressionsDid() {
    for (double d : values()) {
      String formatted = String.format(Locale.ROOT, "%.6g", d);
      String before = formatted.replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replaceAll("\\.($|e)", "$1");
      assertThat(SignificantFigures.trimmed(d, 6)).as("trimmed %s", Double.toString(d)).isEqualTo(before);
    }
  }

  @Test
  void trimsOnlyTheDecimalFormAsTheStatisticalJudgesDid() {
    for (double d : values()) {
      for (int digits : new int[] {3, 4}) {
        String s = String.format(Locale.ROOT, "%." + digits + "g", d);
        String before = s.contains("e") || !s.contains(".") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
        assertThat(SignificantFigures.trimmedDecimal(d, digits)).as("%d digits of %s", digits, Double.toString(d))
            .isEqualTo(before);
      }
    }
  }

  @Test
  void roundsHalfUpOnTheShortestDigitsAndCarriesIntoTheExponent() {
    assertThat(SignificantFigures.general(999999.5, 6)).isEqualTo("1.00000e+06");
    assertThat(SignificantFigures.general(9.999995e-5, 6)).isEqualTo("0.000100000");
    assertThat(SignificantFigures.general(0.1234565, 6)).isEqualTo("0.123457");
    assertThat(SignificantFigures.trimmed(1.5e20, 6)).isEqualTo("1.5e+20");
    assertThat(SignificantFigures.trimmed(-0.000012, 6)).isEqualTo("-1.2e-05");
    assertThat(SignificantFigures.trimmed(99.87, 6)).isEqualTo("99.87");
  }

  @Test
  void refusesFewerThanOneDigit() {
    assertThatThrownBy(() -> SignificantFigures.general(1.5, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("digits must be at least 1, but was 0");
  }

  /** Edge values, values near every rounding boundary, and random values of every kind. */
  private static List<Double> values() {
    List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.2, 0.3, 1e-4, 9.99999e-5,
        0.000099999949, 0.00009999995, 99.87, 97.25, 1e15, 1e15 + 0.5, 123456789012345678.0, 1e16, 1e21, 1e22, 1e23,
        -1e23, 1e100, 1e-100, 1e300, 1e-300, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL, 4.9e-324, 2.2250738585072009e-308, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 999999.5, 999999.4999, 99999.95, 9.9999995, 0.9999995, 999_999_999.9, 123456.5,
        1234567.5, 0.125, 2.5, 1.0 / 3, 2.0 / 3, Math.PI, Math.E, 100.0 / 7, 1e-5, 1.23e-5, 5e-5, 4.9999999e-5));
    for (int exponent = -330; exponent <= 310; exponent++) {
      for (double mantissa : new double[] {1, 1.5, 2.5, 9.5, 9.99999, 9.999995, 9.9999949, 1.000005, 1.0000049,
          1.2345649, 1.2345650, 1.23456501, 5.55555}) {
        double d = Double.parseDouble(mantissa + "e" + exponent);
        values.add(d);
        values.add(-d);
        values.add(Math.nextUp(d));
        values.add(Math.nextDown(d));
      }
    }
    SplittableRandom random = new SplittableRandom(19);
    for (int i = 0; i < RANDOM_VALUES; i++) {
      switch (i % 5) {
        case 0 -> values.add(Double.longBitsToDouble(random.nextLong())); // any double, NaNs included
        case 1 -> values.add(random.nextDouble(-1000, 1000)); // many decimals
        case 2 -> values.add(Math.rint(random.nextDouble(-1e6, 1e6) * 100) / 100); // two decimals
        case 3 -> values.add(random.nextInt(-100_000, 100_000) * Math.pow(10, random.nextInt(-12, 12))); // trailing zeros
        default -> values.add(random.nextDouble() * Math.pow(10, random.nextInt(-20, 25)));
      }
    }
    return values;
  }
}
