package dev.canary4j.internal;

import java.util.Locale;

/**
 * Builds one JSON object as text, field by field, for the library's own small documents (webhook
 * bodies, decision log lines, timelines). Values that already are JSON are embedded with {@link #raw}. Not
 * thread-safe.
 */
public final class JsonText {

  private final StringBuilder out = new StringBuilder();
  private boolean first = true;

  private JsonText() {
    out.append('{');
  }

  /** A new, empty object. */
  public static JsonText object() {
    return new JsonText();
  }

  /** Adds a string field; {@code null} becomes JSON null. */
  public JsonText field(String name, String value) {
    return raw(name, value == null ? "null" : quote(value));
  }

  /** Adds a number field; {@code null}, NaN and infinities are written as strings or null. */
  public JsonText field(String name, Number value) {
    return raw(name, number(value));
  }

  /** Adds a boolean field. */
  public JsonText field(String name, boolean value) {
    return raw(name, String.valueOf(value));
  }

  /** Adds a field whose value is already JSON text. */
  public JsonText raw(String name, String json) {
    if (!first) {
      out.append(',');
    }
    first = false;
    out.append(quote(name)).append(':').append(json);
    return this;
  }

  /** The object's JSON text. */
  public String build() {
    return out + "}";
  }

  /** A JSON array of already-encoded elements. */
  public static String array(Iterable<String> jsonElements) {
    StringBuilder s = new StringBuilder("[");
    for (String e : jsonElements) {
      if (s.length() > 1) {
        s.append(',');
      }
      s.append(e);
    }
    return s.append(']').toString();
  }

  /** A JSON number, or a string for NaN and infinities (JSON has no such numbers), or null. */
  public static String number(Number value) {
    if (value == null) {
      return "null";
    }
    double d = value.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return quote(String.valueOf(d));
    }
    if (value instanceof Double || value instanceof Float) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
    return value.toString();
  }

  /** {@code text} as a JSON string literal. */
  public static String quote(String text) {
    StringBuilder s = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20) {
            s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }
}
