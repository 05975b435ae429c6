package dev.canary4j;

/** Thrown for a move between two phases that {@link PhaseTransition} does not list. */
public final class IllegalPhaseTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final Phase from;
  private final Phase to;

  /** An exception naming the refused transition from {@code from} to {@code to}. */
  public IllegalPhaseTransitionException(Phase from, Phase to) {
    super("Illegal canary phase transition from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  /** The phase the machine was in. */
  public Phase from() {
    return from;
  }

  /** The phase it was asked to enter. */
  public Phase to() {
    return to;
  }
}
