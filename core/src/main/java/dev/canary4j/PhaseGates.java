package dev.canary4j;

import dev.canary4j.policy.GateType;
import java.util.List;

/**
 * Which gates a tick consults, and whether it analyses, by where the rollout stands: the one table
 * that {@link CanaryMachine#plan} reads to say what to ask and the tick rules of {@link Rollout} read
 * to know what they may evaluate, so that a tick never evaluates a gate that was not asked.
 */
enum PhaseGates {
  /** Idle and terminal phases, promotion, and a pause outside an analysis: nothing to ask. */
  NONE(false),
  /** Paused during an analysis: a rollback gate is still heard. */
  PAUSED_ANALYSIS(false, GateType.ROLLBACK),
  /** {@code WAITING}: the confirm-rollout gates start the analysis. */
  WAITING(false, GateType.ROLLBACK, GateType.CONFIRM_ROLLOUT),
  /** {@code PROGRESSING} before the first traffic shift: the pre-rollout gates. */
  BEFORE_FIRST_STEP(false, GateType.ROLLBACK, GateType.PRE_ROLLOUT),
  /** {@code PROGRESSING} at a step before the last: analysis, then the next step's confirmation. */
  AT_STEP(true, GateType.ROLLBACK, GateType.ROLLOUT, GateType.CONFIRM_TRAFFIC_INCREASE),
  /** {@code PROGRESSING} at the last step: analysis, then the promotion's confirmation. */
  AT_LAST_STEP(true, GateType.ROLLBACK, GateType.ROLLOUT, GateType.CONFIRM_PROMOTION),
  /** {@code WAITING_PROMOTION}: the analysis goes on while the promotion waits for confirmation. */
  WAITING_PROMOTION(true, GateType.ROLLBACK, GateType.ROLLOUT, GateType.CONFIRM_PROMOTION);

  private final boolean analyses;
  private final List<GateType> types;

  PhaseGates(boolean analyses, GateType... types) {
    this.analyses = analyses;
    this.types = List.of(types);
  }

  /** Where {@code state} stands under a strategy whose last step is {@code lastStep}. */
  static PhaseGates of(CanaryState state, int lastStep) {
    return switch (state.phase()) {
      case PAUSED -> state.analysisPhase().canRollBack() ? PAUSED_ANALYSIS : NONE;
      case WAITING -> WAITING;
      case PROGRESSING -> state.step() < 0 ? BEFORE_FIRST_STEP : state.step() < lastStep ? AT_STEP : AT_LAST_STEP;
      case WAITING_PROMOTION -> WAITING_PROMOTION;
      default -> NONE;
    };
  }

  /** Whether a tick here judges the metrics (and asks the rollout gates). */
  boolean analyses() {
    return analyses;
  }

  /** The types of the gates to ask, in the order they are planned. */
  List<GateType> types() {
    return types;
  }

  /** Whether a tick here may evaluate gates of {@code type}. */
  boolean consults(GateType type) {
    return types.contains(type);
  }
}
