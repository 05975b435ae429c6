package dev.canary4j.cli;

import dev.canary4j.judge.Verdict;
import java.util.Locale;

/** A verdict as one line of text, and the number format both judge and backtest print. */
final class VerdictText {

  private VerdictText() {}

  /** {@code request-success-rate  FAIL_LOW  canary 97.0  primary 99.9  threshold >= 99.0  canary 97 is below ...}. */
  static String line(Verdict v) {
    return String.format(Locale.ROOT, "%-22s %-9s canary %-9s primary %-9s threshold %-12s %s%s", v.metric(), v.label(),
        number(v.canary()), number(v.primary()), v.threshold().isEmpty() ? "-" : v.threshold(), v.reason(),
        v.critical() ? " (critical)" : "");
  }

  /** A value with at most two decimals and no trailing zeros; {@code -} for none. */
  static String number(Double value) {
    if (value == null) {
      return "-";
    }
    if (value.isNaN() || value.isInfinite()) {
      return value.toString();
    }
    String text = String.format(Locale.ROOT, "%.2f", value);
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
  }
}
