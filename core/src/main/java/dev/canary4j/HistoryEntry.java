package dev.canary4j;

import java.time.Instant;

/**
 * One line of a canary's decision history: when, in which phase, at which weight, and why.
 *
 * @param at the decision's time
 * @param phase the phase after the decision
 * @param canaryWeight the canary's weight after the decision
 * @param reason why the decision was taken
 */
public record HistoryEntry(Instant at, Phase phase, int canaryWeight, String reason) {}
