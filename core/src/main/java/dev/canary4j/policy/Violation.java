package dev.canary4j.policy;

import java.util.Objects;

/**
 * One rule that a policy breaks: the path of the field, what the rule demands, and the value found.
 *
 * @param path dotted path of the field, for example {@code analysis.metrics[1].max}
 * @param message the rule, phrased as a demand, for example {@code must be greater than min (5.0)}
 * @param found the offending value as text, or {@code null} when the field is missing
 */
public record Violation(String path, String message, String found) {

  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** Renders as {@code path: message, but was found}. */
  @Override
  public String toString() {
    return found == null ? path + ": " + message : path + ": " + message + ", but was " + found;
  }
}
