package dev.canary4j.policy;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A request condition for A/B routing: a header or a cookie compared exactly, by prefix, or by regex.
 *
 * @param source where the value comes from
 * @param name header or cookie name
 * @param type how the value is compared
 * @param value the value, prefix or regular expression
 */
public record RequestMatch(Source source, String name, MatchType type, String value) {

  /** Where a match reads its value. */
  public enum Source {
    /** An HTTP request header, by name. */
    HEADER,
    /** A cookie, by name. */
    COOKIE
  }

  /** How a match compares its value. */
  public enum MatchType {
    /** The whole value equals the match's value. */
    EXACT,
    /** The value starts with the match's value. */
    PREFIX,
    /** The value matches the regular expression, which must compile as a Java regular expression. */
    REGEX
  }

  /**
   * A header whose value equals {@code value}.
   *
   * @param name the header's name
   * @param value the value to equal
   * @return the match
   */
  public static RequestMatch headerExact(String name, String value) {
    return new RequestMatch(Source.HEADER, name, MatchType.EXACT, value);
  }

  /**
   * A cookie whose value equals {@code value}.
   *
   * @param name the cookie's name
   * @param value the value to equal
   * @return the match
   */
  public static RequestMatch cookieExact(String name, String value) {
    return new RequestMatch(Source.COOKIE, name, MatchType.EXACT, value);
  }

  void check(Violations v, String path) {
    if (source == null) {
      v.missing(path + ".source");
    }
    if (type == null) {
      v.missing(path + ".type");
    }
    if (name == null || name.isBlank()) {
      v.missing(path + ".name");
    } else if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
      v.add(path + ".name", "must be a valid header or cookie name", name);
    }
    if (value == null || value.isEmpty()) {
      v.missing(path + ".value");
    } else if (type == MatchType.REGEX) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        v.add(path + ".value", "must be a valid regular expression (" + e.getDescription() + ")", value);
      }
    }
  }
}
