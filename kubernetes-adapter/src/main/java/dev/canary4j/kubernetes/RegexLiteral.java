package dev.canary4j.kubernetes;

/**
 * Literal text inside the RE2 regular expressions that routers write for cookie and prefix matches:
 * both the Istio and the Gateway API router escape a value on the way out and read it back.
 */
public final class RegexLiteral {

  private static final String REGEX_META = "\\.[]{}()*+?^$|";

  private RegexLiteral() {}

  /**
   * {@code literal} with every regular-expression metacharacter escaped.
   *
   * @param literal the text to match exactly
   * @return a regular expression matching only {@code literal}
   */
  public static String escape(String literal) {
    StringBuilder s = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if (REGEX_META.indexOf(c) >= 0) {
        s.append('\\');
      }
      s.append(c);
    }
    return s.toString();
  }

  /**
   * The literal that {@link #escape} turned into {@code escaped}.
   *
   * @param escaped a regular expression made by {@link #escape}
   * @return the original text
   */
  public static String unescape(String escaped) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        c = escaped.charAt(++i);
      }
      s.append(c);
    }
    return s.toString();
  }
}
