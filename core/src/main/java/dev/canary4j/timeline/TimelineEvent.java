package dev.canary4j.timeline;

import dev.canary4j.CanaryEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An event of an entry: its kind, time, reason and the kind's own fields.
 *
 * @param type the kind, for example {@code PhaseChanged} or {@code LimitReached}
 * @param time when it happened
 * @param reason why, in one sentence
 * @param details the kind's own fields (for {@code PhaseChanged}: {@code from} and {@code to})
 */
public record TimelineEvent(String type, Instant time, String reason, Map<String, Object> details) {

  /**
   * Checks that there is a type; a {@code null} reason becomes empty, {@code null} details none.
   *
   * @param type the event's kind; not {@code null}
   * @param time when it happened
   * @param reason why, or {@code null}
   * @param details the kind's own fields, or {@code null}
   */
  public TimelineEvent {
    Objects.requireNonNull(type, "type");
    reason = reason == null ? "" : reason;
    details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /**
   * {@code event} in the timeline's shape. Weights are written as {@link TimelineWeights}; an
   * {@code AnalysisJudged} event leaves out its verdicts, which are the entry's own.
   *
   * @param event an event of the machine
   * @return its kind, time, reason and fields
   */
  public static TimelineEvent of(CanaryEvent event) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (event instanceof CanaryEvent.PhaseChanged e) {
      d.put("from", e.from().name());
      d.put("to", e.to().name());
    } else if (event instanceof CanaryEvent.TrafficShifted e) {
      d.put("from", TimelineWeights.of(e.from()));
      d.put("to", TimelineWeights.of(e.to()));
    } else if (event instanceof CanaryEvent.AnalysisJudged e) {
      d.put("outcome", e.outcome().name());
    } else if (event instanceof CanaryEvent.LimitReached e) {
      d.put("limit", e.limit());
      d.put("count", e.count());
      d.put("action", e.action().name());
    } else if (event instanceof CanaryEvent.GateAnswered e) {
      d.put("gate", e.gate());
      d.put("gateType", e.type().specName());
      d.put("open", e.open());
      d.put("timedOut", e.timedOut());
    } else if (event instanceof CanaryEvent.CommandHandled e) {
      d.put("command", e.command().name());
      d.put("applied", e.applied());
    } else if (event instanceof CanaryEvent.AnalysisStarted e) {
      d.put("previousRevision", e.previousRevision());
      d.put("revision", e.revision());
    } else if (event instanceof CanaryEvent.TrafficDriftCorrected e) {
      d.put("observed", TimelineWeights.of(e.observed()));
      d.put("desired", TimelineWeights.of(e.desired()));
    }
    return new TimelineEvent(event.getClass().getSimpleName(), event.at(), event.reason(), d);
  }
}
