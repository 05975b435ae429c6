package dev.canary4j.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a policy, a state or a scenario breaks one or more rules; carries every violation found,
 * each with the path of its field, not just the first. Subclasses say what was read, for example
 * {@code Invalid canary policy in canary.yaml}.
 */
public abstract class ValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /**
   * {@code what} breaking every rule in {@code violations}, rendered by {@link #render}.
   *
   * @param what what was read, for example {@code Invalid canary policy in canary.yaml}
   * @param violations every rule broken, each with its path; not empty
   */
  protected ValidationException(String what, List<Violation> violations) {
    super(render(what, violations));
    this.violations = List.copyOf(violations);
  }

  /**
   * {@code violations} under a message the subclass wrote, for example one naming a line and a column.
   *
   * @param message the whole message, as the subclass rendered it
   * @param violations every rule broken, each with its path
   * @param cause the failure that revealed the violations, or {@code null}
   */
  protected ValidationException(String message, List<Violation> violations, Throwable cause) {
    super(message, cause);
    this.violations = List.copyOf(violations);
  }

  /**
   * Every violation found, in the order of the fields.
   *
   * @return the violations, each with the path of its field
   */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * {@code what: path: rule, but was value} for one violation; for more, {@code what (n problems):}
   * and each violation on its own indented line.
   *
   * @param what what was read, the message's first words
   * @param violations the violations to list; not empty
   * @return the message
   */
  public static String render(String what, List<Violation> violations) {
    if (violations.size() == 1) {
      return what + ": " + violations.get(0);
    }
    return what + " (" + violations.size() + " problems):\n"
        + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n"));
  }
}
