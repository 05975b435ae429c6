package dev.canary4j;

/** Thrown for a move between two phases that {@link PhaseTransition} does not list. */
public final class IllegalPhaseTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The phase the machine was in. */
  private final Phase from;
  /** The phase it was asked to enter. */
  private final Phase to;

  /**
   * An exception naming the refused transition from {@code from} to {@code to}.
   *
   * @param from the phase the machine was in
   * @param to the phase it was asked to enter
   */
  public IllegalPhaseTransitionException(Phase from, Phase to) {
    super("Illegal canary phase transition from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  /**
   * The phase the machine was in.
   *
   * @return the phase left
   */
  public Phase from() {
    return from;
  }

  /**
   * The phase it was asked to enter.
   *
   * @return the phase that was refused
   */
  public Phase to() {
    return to;
  }
}
