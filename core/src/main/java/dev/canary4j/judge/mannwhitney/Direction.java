package dev.canary4j.judge.mannwhitney;

import java.util.Locale;

/** Which change of a metric counts against the canary, as Kayenta's {@code direction} names it. */
public enum Direction {
  /** Only an increase fails (latency, errors). */
  INCREASE,
  /** Only a decrease fails (throughput, success rate). */
  DECREASE,
  /** Any significant change fails. */
  EITHER;

  /**
   * Whether an increase is judged.
   *
   * @return {@code true} for {@link #INCREASE} and {@link #EITHER}
   */
  public boolean judgesIncrease() {
    return this != DECREASE;
  }

  /**
   * Whether a decrease is judged.
   *
   * @return {@code true} for {@link #DECREASE} and {@link #EITHER}
   */
  public boolean judgesDecrease() {
    return this != INCREASE;
  }

  /**
   * The Kayenta name: {@code increase}, {@code decrease} or {@code either}.
   *
   * @return the lower-case name
   */
  public String kayentaName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a Kayenta name, ignoring case.
   *
   * @param name {@code increase}, {@code decrease} or {@code either}, in any case
   * @return the direction; another name throws {@link IllegalArgumentException}
   */
  public static Direction parse(String name) {
    for (Direction d : values()) {
      if (d.kayentaName().equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("Expected direction 'increase', 'decrease' or 'either' but was '" + name + "'");
  }
}
