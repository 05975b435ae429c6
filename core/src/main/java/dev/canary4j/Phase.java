package dev.canary4j;

/**
 * Where a canary is in its life; the names follow Flagger's phases, plus {@code PAUSED} and
 * {@code ABORTED}. Legal moves between phases are listed by {@link PhaseTransition}.
 */
public enum Phase {
  /** No revision seen yet. */
  INITIALIZING,
  /** The primary serves all traffic; nothing is under analysis. */
  INITIALIZED,
  /** A new revision waits for its confirm-rollout gates. */
  WAITING,
  /** The canary is analysed and its weight shifted step by step. */
  PROGRESSING,
  /** The analysis passed; waiting for confirm-promotion gates while the analysis keeps running. */
  WAITING_PROMOTION,
  /** The canary's revision is copied to the primary and traffic moves back to it. */
  PROMOTING,
  /** All traffic is on the promoted primary; the canary is scaled down. */
  FINALISING,
  /** The revision was promoted. */
  SUCCEEDED,
  /** The revision was rolled back. */
  FAILED,
  /** Held by a command or a limit; resumes where it stopped. */
  PAUSED,
  /** Rolled back by an abort command. */
  ABORTED;

  /**
   * Whether a rollout is under way (including paused): the phases in which work remains.
   *
   * @return {@code true} for {@code WAITING}, {@code PROGRESSING}, {@code WAITING_PROMOTION},
   *     {@code PROMOTING}, {@code FINALISING} and {@code PAUSED}
   */
  public boolean isActive() {
    return switch (this) {
      case WAITING, PROGRESSING, WAITING_PROMOTION, PROMOTING, FINALISING, PAUSED -> true;
      default -> false;
    };
  }

  /**
   * Whether the canary still may be rolled back: the analysis has not handed over to promotion.
   *
   * @return {@code true} for {@code WAITING}, {@code PROGRESSING} and {@code WAITING_PROMOTION}
   */
  public boolean canRollBack() {
    return this == WAITING || this == PROGRESSING || this == WAITING_PROMOTION;
  }

  /**
   * Whether the rollout ended (promoted, rolled back or aborted) and waits for a new revision.
   *
   * @return {@code true} for {@code SUCCEEDED}, {@code FAILED} and {@code ABORTED}
   */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == ABORTED;
  }
}
