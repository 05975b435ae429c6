package dev.canary4j.policy;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a policy breaks one or more rules; carries every violation, not just the first. */
public final class InvalidPolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public InvalidPolicyException(List<Violation> violations) {
    super(render(violations));
    this.violations = List.copyOf(violations);
  }

  /** Every violation found, in the order of the fields. */
  public List<Violation> violations() {
    return violations;
  }

  private static String render(List<Violation> violations) {
    return violations.size() == 1
        ? "Invalid canary policy: " + violations.get(0)
        : "Invalid canary policy (" + violations.size() + " problems):\n"
            + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n"));
  }
}
