package dev.canary4j.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleValuesTest {

  @Test
  void readsTheSpecialValues() {
    assertThat(SampleValues.parse("NaN")).isNaN();
    assertThat(SampleValues.parse("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(SampleValues.parse("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "1.5, 1.5", "-2.25, -2.25", "1e-3, 0.001", "6.02E23, 6.02E23"})
  void readsDecimalNumbers(String text, double expected) {
    assertThat(SampleValues.parse(text)).isEqualTo(expected);
  }

  @Test
  void refusesWordsThatAreNotSampleValues() {
    assertThatThrownBy(() -> SampleValues.parse("Infinity")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> SampleValues.parse("")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> SampleValues.parse("12abc")).isInstanceOf(NumberFormatException.class);
  }

  @ParameterizedTest
  @CsvSource({"1700000000, 1700000000000", "1700000000.5, 1700000000500", "1700000000.123, 1700000000123",
      "1700000000.1236, 1700000000124", "0.001, 1"})
  void convertsDecimalSecondsToMillis(String text, long millis) {
    assertThat(SampleValues.secondsToMillis(text.toCharArray(), 0, text.length())).isEqualTo(millis);
  }

  @Test
  void leavesOtherTimestampFormsToTheSlowPath() {
    assertThat(SampleValues.secondsToMillis("1.7e9".toCharArray(), 0, 5)).isEqualTo(Long.MIN_VALUE);
    assertThat(SampleValues.secondsToMillis("-1".toCharArray(), 0, 2)).isEqualTo(Long.MIN_VALUE);
  }
}
