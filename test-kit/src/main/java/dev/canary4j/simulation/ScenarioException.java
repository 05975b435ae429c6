package dev.canary4j.simulation;

import dev.canary4j.policy.ValidationException;
import dev.canary4j.policy.Violation;
import java.util.List;

/** Thrown when a simulation scenario cannot be read; carries every problem found, each with its path. */
public final class ScenarioException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /**
   * An invalid scenario read from {@code source}, with every violation found.
   *
   * @param source the file or text the scenario came from, named in the message
   * @param violations every problem found; not empty
   */
  public ScenarioException(String source, List<Violation> violations) {
    super(source == null ? "Invalid simulation scenario" : "Invalid simulation scenario in " + source, violations);
  }
}
