package dev.canary4j.policy;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a policy breaks one or more rules; carries every violation, not just the first. */
public final class InvalidPolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;
  /** Where the policy was read from, or {@code null}; named in the message. */
  private final String source;

  /**
   * A policy that breaks every rule in {@code violations}.
   *
   * @param violations every rule broken, each with its path; not empty
   */
  public InvalidPolicyException(List<Violation> violations) {
    this(null, violations);
  }

  /**
   * An exception for a policy read from {@code source} (a file name or URL, or {@code null} when it
   * has none), which the message names.
   *
   * @param source the file name or URL the policy came from, or {@code null}
   * @param violations every rule broken, each with its path; not empty
   */
  public InvalidPolicyException(String source, List<Violation> violations) {
    super(render(source, violations));
    this.violations = List.copyOf(violations);
    this.source = source;
  }

  /**
   * Where the policy was read from, or {@code null} when it was built in code or read from a string.
   *
   * @return the source, or {@code null}
   */
  public String source() {
    return source;
  }

  /**
   * Every violation found, in the order of the fields.
   *
   * @return the violations, in field order
   */
  public List<Violation> violations() {
    return violations;
  }

  private static String render(String source, List<Violation> violations) {
    String what = source == null ? "Invalid canary policy" : "Invalid canary policy in " + source;
    return violations.size() == 1
        ? what + ": " + violations.get(0)
        : what + " (" + violations.size() + " problems):\n"
            + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n"));
  }
}
