package dev.canary4j.judge.mannwhitney;

import java.util.Locale;

/** What to do with NaN values in a sample, as Kayenta's {@code nanStrategy} names it. */
public enum NanStrategy {
  /** Drop them; a sample left empty means no data. */
  REMOVE,
  /** Count them as 0 (for counters that report NaN for "no events"); an empty sample then passes. */
  REPLACE;

  /**
   * The Kayenta name: {@code remove} or {@code replace}.
   *
   * @return the lower-case name
   */
  public String kayentaName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a Kayenta name, ignoring case.
   *
   * @param name {@code remove} or {@code replace}, in any case
   * @return the strategy; another name throws {@link IllegalArgumentException}
   */
  public static NanStrategy parse(String name) {
    for (NanStrategy s : values()) {
      if (s.kayentaName().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Expected nanStrategy 'remove' or 'replace' but was '" + name + "'");
  }
}
