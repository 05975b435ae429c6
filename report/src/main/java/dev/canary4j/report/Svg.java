package dev.canary4j.report;

import java.util.Locale;

/** Builds SVG and HTML text: escaping and numbers written the same way everywhere. Not thread-safe. */
final class Svg {

  private final StringBuilder out = new StringBuilder();

  /** Appends raw markup. */
  Svg raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Appends an element with {@code attributes} (name, value pairs), closed at once or around {@code title}. */
  Svg element(String name, String title, Object... attributes) {
    out.append('<').append(name);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      out.append(' ').append(attributes[i]).append("=\"").append(escape(value(attributes[i + 1]))).append('"');
    }
    if (title == null) {
      out.append("/>");
    } else {
      out.append("><title>").append(escape(title)).append("</title></").append(name).append('>');
    }
    return this;
  }

  /** Appends a text element at ({@code x}, {@code y}). */
  Svg text(double x, double y, String cssClass, String anchor, String text) {
    out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" class=\"").append(cssClass)
        .append("\" text-anchor=\"").append(anchor).append("\">").append(escape(text)).append("</text>");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private static String value(Object v) {
    return v instanceof Double d ? num(d) : String.valueOf(v);
  }

  /** {@code d} with at most two decimals, without a trailing zero. */
  static String num(double d) {
    String s = String.format(Locale.ROOT, "%.2f", d);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  /** A figure for people: up to four significant digits. */
  static String figure(Double d) {
    if (d == null) {
      return "–";
    }
    if (d.isNaN() || d.isInfinite()) {
      return String.valueOf(d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e9) {
      return String.valueOf(d.longValue());
    }
    String s = String.format(Locale.ROOT, "%.4g", d);
    return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** {@code text} safe inside HTML or SVG text and attribute values. */
  static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '&' -> s.append("&amp;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }
}
