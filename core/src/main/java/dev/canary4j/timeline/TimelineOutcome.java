package dev.canary4j.timeline;

import java.util.List;
import java.util.Map;

/**
 * How a rollout ended and why, for the top of a report and the last line of a summary.
 *
 * @param result {@code promoted}, {@code rolled back}, {@code aborted}, or {@code undecided} while a
 *     rollout is still under way
 * @param phase the phase after the last decision
 * @param reason the reason given when the rollout reached that phase, empty when there is none
 */
public record TimelineOutcome(String result, String phase, String reason) {

  /** The result of a rollout that was promoted. */
  public static final String PROMOTED = "promoted";
  /** The result of a rollout rolled back by its analysis, a limit or a gate. */
  public static final String ROLLED_BACK = "rolled back";
  /** The result of a rollout rolled back by an abort command. */
  public static final String ABORTED = "aborted";
  /** The result of a rollout that had not ended when the timeline stopped. */
  public static final String UNDECIDED = "undecided";

  /**
   * A {@code null} reason becomes empty.
   *
   * @param result {@link #PROMOTED}, {@link #ROLLED_BACK}, {@link #ABORTED} or {@link #UNDECIDED}
   * @param phase the phase after the last decision
   * @param reason the reason the rollout reached that phase, or {@code null}
   */
  public TimelineOutcome {
    reason = reason == null ? "" : reason;
  }

  /**
   * The outcome of {@code entries}: the last decision's phase, and the reason of the event that
   * moved the rollout into it.
   *
   * @param entries a timeline's entries, oldest first
   * @return the outcome; {@link #UNDECIDED} while the rollout is under way
   */
  public static TimelineOutcome of(List<TimelineEntry> entries) {
    String phase = "INITIALIZING";
    String reason = "";
    for (TimelineEntry e : entries) {
      if (!e.isDecision() || e.phase() == null) {
        continue;
      }
      if (!e.phase().equals(phase)) {
        reason = "";
      }
      phase = e.phase();
      for (TimelineEvent event : e.events()) {
        if ("PhaseChanged".equals(event.type()) && phase.equals(event.details().get("to"))) {
          reason = event.reason();
        }
      }
    }
    return new TimelineOutcome(resultOf(phase), phase, reason);
  }

  private static String resultOf(String phase) {
    return Map.of("SUCCEEDED", PROMOTED, "FAILED", ROLLED_BACK, "ABORTED", ABORTED).getOrDefault(phase, UNDECIDED);
  }

  /**
   * Whether the rollout ended, promoted, rolled back or aborted.
   *
   * @return {@code true} unless the result is {@link #UNDECIDED}
   */
  public boolean ended() {
    return !UNDECIDED.equals(result);
  }
}
