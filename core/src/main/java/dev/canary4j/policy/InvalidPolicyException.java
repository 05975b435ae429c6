package dev.canary4j.policy;

import java.util.List;

/** Thrown when a policy breaks one or more rules; carries every violation, not just the first. */
public final class InvalidPolicyException extends ValidationException {
  private static final long serialVersionUID = 1L;

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
    super(source == null ? "Invalid canary policy" : "Invalid canary policy in " + source, violations);
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
}
