package dev.canary4j.policy;

import dev.canary4j.internal.Texts;
import java.util.Objects;

/**
 * One rule that a policy breaks: the path of the field, what the rule demands, and the value found.
 *
 * @param path dotted path of the field, for example {@code analysis.metrics[1].max}
 * @param message the rule, phrased as a demand, for example {@code must be greater than min (5.0)}
 * @param found the offending value as text, or {@code null} when the field is missing
 */
public record Violation(String path, String message, String found) {

  /** Longest value quoted; a longer one is cut, saying how long it was. */
  static final int MAX_FOUND = 200;
  /** Longest path or message kept; only a hostile document has longer ones. */
  static final int MAX_TEXT = 1000;

  /**
   * Escapes control characters in all three parts and cuts them short, so that any value prints safely on one
   * line.
   *
   * @param path dotted path of the field; not {@code null}
   * @param message the rule, phrased as a demand; not {@code null}
   * @param found the offending value as text, or {@code null} when the field is missing
   */
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    path = Texts.cap(Texts.escape(path), MAX_TEXT);
    message = Texts.cap(Texts.escape(message), MAX_TEXT);
    found = found == null ? null : Texts.cap(Texts.escape(found), MAX_FOUND);
  }

  /** Renders as {@code path: message, but was found}. */
  @Override
  public String toString() {
    return found == null ? path + ": " + message : path + ": " + message + ", but was " + found;
  }
}
