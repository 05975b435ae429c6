package dev.canary4j.prometheus.internal;

/** Escapes values for PromQL string literals and the RE2 regular expressions inside them. */
public final class PromQlLiterals {
  private static final String REGEX_META = "\\.+*?()|[]{}^$";

  private PromQlLiterals() {}

  /** {@code value} as a double-quoted PromQL string literal, quotes included. */
  public static String quoted(String value) {
    return '"' + escapeForString(value, '"') + '"';
  }

  /** A double-quoted literal for a {@code =~} matcher that matches exactly {@code value}. */
  public static String quotedRegex(String value) {
    return quoted(escapeRegex(value));
  }

  /** {@code value} with every RE2 metacharacter preceded by a backslash, so it matches only itself. */
  public static String escapeRegex(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (REGEX_META.indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** The body of a string literal quoted by {@code quote} ({@code "} or {@code '}) that reads back as {@code value}. */
  public static String escapeForString(String value, char quote) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c == quote) {
            sb.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
