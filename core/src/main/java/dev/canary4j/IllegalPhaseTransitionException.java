package dev.canary4j;

/** Thrown for a move between two phases that {@link PhaseTransition} does not list. */
public final class IllegalPhaseTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final Phase from;
  private final Phase to;

  public IllegalPhaseTransitionException(Phase from, Phase to) {
    super("Illegal canary phase transition from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  public Phase from() {
    return from;
  }

  public Phase to() {
    return to;
  }
}
