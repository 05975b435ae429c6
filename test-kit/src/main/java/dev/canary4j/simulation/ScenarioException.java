package dev.canary4j.simulation;

import dev.canary4j.policy.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a simulation scenario cannot be read; carries every problem found, each with its path. */
public final class ScenarioException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /**
   * An invalid scenario read from {@code source}, with every violation found.
   *
   * @param source the file or text the scenario came from, named in the message
   * @param violations every problem found; not empty
   */
  public ScenarioException(String source, List<Violation> violations) {
    super(render(source, violations));
    this.violations = List.copyOf(violations);
  }

  /**
   * Every problem found, in document order.
   *
   * @return the problems, each with the path of its field
   */
  public List<Violation> violations() {
    return violations;
  }

  private static String render(String source, List<Violation> violations) {
    String what = source == null ? "Invalid simulation scenario" : "Invalid simulation scenario in " + source;
    return violations.size() == 1
        ? what + ": " + violations.get(0)
        : what + " (" + violations.size() + " problems):\n"
            + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n"));
  }
}
