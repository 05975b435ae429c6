package dev.canary4j.internal;

/**
 * Text made safe to quote in a message: control characters escaped, length capped. Shared by the
 * policy's violations and the adapters' error excerpts, so that both quote input alike.
 */
public final class Texts {

  private Texts() {}

  /** {@code text} with line breaks, tabs and other control characters written as escapes ({@code \n}, {@code \u0000}). */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (!control) {
          out.append(c);
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c == '\r') {
          out.append("\\r");
        } else if (c == '\t') {
          out.append("\\t");
        } else {
          out.append(String.format("\\u%04x", (int) c));
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /** {@code text} cut to {@code maxChars} characters, with a note of how many were left out. */
  public static String cap(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    String kept = cut(text, maxChars);
    return kept + "...(" + (text.length() - kept.length()) + " more characters)";
  }

  /** The first {@code maxChars} characters of {@code text}, never ending inside a surrogate pair. */
  public static String cut(String text, int maxChars) {
    int end = Math.min(maxChars, text.length());
    if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
