package dev.canary4j;

import static dev.canary4j.Phase.ABORTED;
import static dev.canary4j.Phase.FAILED;
import static dev.canary4j.Phase.FINALISING;
import static dev.canary4j.Phase.INITIALIZED;
import static dev.canary4j.Phase.INITIALIZING;
import static dev.canary4j.Phase.PAUSED;
import static dev.canary4j.Phase.PROGRESSING;
import static dev.canary4j.Phase.PROMOTING;
import static dev.canary4j.Phase.SUCCEEDED;
import static dev.canary4j.Phase.WAITING;
import static dev.canary4j.Phase.WAITING_PROMOTION;

import java.util.Arrays;

/**
 * Every legal move between two different phases. Staying in a phase is always legal and is not
 * a transition. Anything not listed throws {@link IllegalPhaseTransitionException}.
 */
public enum PhaseTransition {
  /** The first revision observed is the primary's; there is nothing to analyse. */
  INITIALIZING_TO_INITIALIZED(INITIALIZING, INITIALIZED),

  /** A new revision waits for its confirm-rollout gates. */
  INITIALIZED_TO_WAITING(INITIALIZED, WAITING),
  /** A new revision's analysis starts; there is no confirm-rollout gate. */
  INITIALIZED_TO_PROGRESSING(INITIALIZED, PROGRESSING),

  /** Every confirm-rollout gate opened, or a new revision restarts without such gates. */
  WAITING_TO_PROGRESSING(WAITING, PROGRESSING),
  /** A {@code PROMOTE} command skips the analysis. */
  WAITING_TO_PROMOTING(WAITING, PROMOTING),
  /** A {@code PAUSE} command, or a limit whose action is pause; the weights are held. */
  WAITING_TO_PAUSED(WAITING, PAUSED),
  /** A rollback: a rollback gate, a gate's timeout or the progress deadline. */
  WAITING_TO_FAILED(WAITING, FAILED),
  /** An {@code ABORT} command rolls back. */
  WAITING_TO_ABORTED(WAITING, ABORTED),
  /** The revision went back to the primary's: the analysis ends with all traffic on the primary. */
  WAITING_TO_INITIALIZED(WAITING, INITIALIZED),

  /** A new revision restarts the analysis, behind confirm-rollout gates. */
  PROGRESSING_TO_WAITING(PROGRESSING, WAITING),
  /** The last step passed, but a confirm-promotion gate is closed. */
  PROGRESSING_TO_WAITING_PROMOTION(PROGRESSING, WAITING_PROMOTION),
  /** The last step passed with every confirm-promotion gate open, or a {@code PROMOTE} command. */
  PROGRESSING_TO_PROMOTING(PROGRESSING, PROMOTING),
  /** A {@code PAUSE} command, or a limit whose action is pause; the weights are held. */
  PROGRESSING_TO_PAUSED(PROGRESSING, PAUSED),
  /**
   * A rollback: a limit, a critical failure, a rollback gate, a canary that will never be ready, or the
   * progress deadline.
   */
  PROGRESSING_TO_FAILED(PROGRESSING, FAILED),
  /** An {@code ABORT} command rolls back. */
  PROGRESSING_TO_ABORTED(PROGRESSING, ABORTED),
  /** The revision went back to the primary's: the analysis ends with all traffic on the primary. */
  PROGRESSING_TO_INITIALIZED(PROGRESSING, INITIALIZED),

  /** A new revision restarts the analysis, behind confirm-rollout gates. */
  WAITING_PROMOTION_TO_WAITING(WAITING_PROMOTION, WAITING),
  /** A new revision restarts the analysis, without confirm-rollout gates. */
  WAITING_PROMOTION_TO_PROGRESSING(WAITING_PROMOTION, PROGRESSING),
  /** A passing tick found every confirm-promotion gate open, or a {@code PROMOTE} command. */
  WAITING_PROMOTION_TO_PROMOTING(WAITING_PROMOTION, PROMOTING),
  /** A {@code PAUSE} command, or a limit whose action is pause; the weights are held. */
  WAITING_PROMOTION_TO_PAUSED(WAITING_PROMOTION, PAUSED),
  /** A rollback: the analysis keeps running while promotion waits, and its limits still apply. */
  WAITING_PROMOTION_TO_FAILED(WAITING_PROMOTION, FAILED),
  /** An {@code ABORT} command rolls back. */
  WAITING_PROMOTION_TO_ABORTED(WAITING_PROMOTION, ABORTED),
  /** The revision went back to the primary's: the analysis ends with all traffic on the primary. */
  WAITING_PROMOTION_TO_INITIALIZED(WAITING_PROMOTION, INITIALIZED),

  /** The primary runs the new revision, is ready, and has all traffic back. */
  PROMOTING_TO_FINALISING(PROMOTING, FINALISING),
  /** A {@code PAUSE} command holds the promotion where it is. */
  PROMOTING_TO_PAUSED(PROMOTING, PAUSED),
  /** A new revision restarts the analysis, behind confirm-rollout gates. */
  PROMOTING_TO_WAITING(PROMOTING, WAITING),
  /** A new revision restarts the analysis, without confirm-rollout gates. */
  PROMOTING_TO_PROGRESSING(PROMOTING, PROGRESSING),
  /** The revision went back to the primary's: the analysis ends with all traffic on the primary. */
  PROMOTING_TO_INITIALIZED(PROMOTING, INITIALIZED),

  /** The canary was scaled down: the rollout is complete. */
  FINALISING_TO_SUCCEEDED(FINALISING, SUCCEEDED),
  /** A {@code PAUSE} command holds the finalisation. */
  FINALISING_TO_PAUSED(FINALISING, PAUSED),
  /** A new revision restarts the analysis, behind confirm-rollout gates. */
  FINALISING_TO_WAITING(FINALISING, WAITING),
  /** A new revision restarts the analysis, without confirm-rollout gates. */
  FINALISING_TO_PROGRESSING(FINALISING, PROGRESSING),
  /** The revision went back to the primary's: the analysis ends with all traffic on the primary. */
  FINALISING_TO_INITIALIZED(FINALISING, INITIALIZED),

  /** {@code RESUME} back to waiting for gates, or a new revision restarts the analysis behind them. */
  PAUSED_TO_WAITING(PAUSED, WAITING),
  /** {@code RESUME} back to the analysis, or a new revision restarts it. */
  PAUSED_TO_PROGRESSING(PAUSED, PROGRESSING),
  /** {@code RESUME} back to waiting for the confirm-promotion gates. */
  PAUSED_TO_WAITING_PROMOTION(PAUSED, WAITING_PROMOTION),
  /** {@code RESUME} back to the promotion, or a {@code PROMOTE} command. */
  PAUSED_TO_PROMOTING(PAUSED, PROMOTING),
  /** {@code RESUME} back to finalising the promotion. */
  PAUSED_TO_FINALISING(PAUSED, FINALISING),
  /** An open rollback gate rolls back a paused analysis. */
  PAUSED_TO_FAILED(PAUSED, FAILED),
  /** An {@code ABORT} command rolls back. */
  PAUSED_TO_ABORTED(PAUSED, ABORTED),
  /** The revision went back to the primary's: the analysis ends with all traffic on the primary. */
  PAUSED_TO_INITIALIZED(PAUSED, INITIALIZED),

  /** A new revision starts the next analysis, behind confirm-rollout gates. */
  SUCCEEDED_TO_WAITING(SUCCEEDED, WAITING),
  /** A new revision starts the next analysis, without confirm-rollout gates. */
  SUCCEEDED_TO_PROGRESSING(SUCCEEDED, PROGRESSING),

  /**
   * A new revision, or {@code RESUME} of the rolled-back one, starts an analysis behind confirm-rollout
   * gates.
   */
  FAILED_TO_WAITING(FAILED, WAITING),
  /** A new revision, or {@code RESUME} of the rolled-back one, starts an analysis without such gates. */
  FAILED_TO_PROGRESSING(FAILED, PROGRESSING),
  /** A {@code PROMOTE} command promotes the rolled-back revision anyway, as an explicit override. */
  FAILED_TO_PROMOTING(FAILED, PROMOTING),
  /** The revision went back to the primary's: nothing is left to analyse. */
  FAILED_TO_INITIALIZED(FAILED, INITIALIZED),

  /**
   * A new revision, or {@code RESUME} of the aborted one, starts an analysis behind confirm-rollout gates.
   */
  ABORTED_TO_WAITING(ABORTED, WAITING),
  /** A new revision, or {@code RESUME} of the aborted one, starts an analysis without such gates. */
  ABORTED_TO_PROGRESSING(ABORTED, PROGRESSING),
  /** A {@code PROMOTE} command promotes the aborted revision anyway, as an explicit override. */
  ABORTED_TO_PROMOTING(ABORTED, PROMOTING),
  /** The revision went back to the primary's: nothing is left to analyse. */
  ABORTED_TO_INITIALIZED(ABORTED, INITIALIZED);

  private final Phase from;
  private final Phase to;

  PhaseTransition(Phase from, Phase to) {
    this.from = from;
    this.to = to;
  }

  /**
   * The phase left.
   *
   * @return the phase before the transition
   */
  public Phase from() {
    return from;
  }

  /**
   * The phase entered.
   *
   * @return the phase after the transition
   */
  public Phase to() {
    return to;
  }

  /**
   * The transition from {@code from} to {@code to}, or an {@link IllegalPhaseTransitionException}.
   *
   * @param from the phase left
   * @param to the phase entered; not {@code from}
   * @return the transition
   */
  public static PhaseTransition of(Phase from, Phase to) {
    return Arrays.stream(values())
        .filter(t -> t.from == from && t.to == to)
        .findFirst()
        .orElseThrow(() -> new IllegalPhaseTransitionException(from, to));
  }

  /**
   * Whether moving from {@code from} to {@code to} is legal (staying put always is).
   *
   * @param from the phase left
   * @param to the phase entered
   * @return {@code true} if {@code from} equals {@code to} or a transition between them is listed
   */
  public static boolean isLegal(Phase from, Phase to) {
    return from == to || Arrays.stream(values()).anyMatch(t -> t.from == from && t.to == to);
  }
}
