package dev.canary4j.timeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.canary4j.Counters;
import dev.canary4j.GateResult;
import dev.canary4j.Input;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One line of a timeline: a decision (a simulated tick, or one decision of the runner) with the
 * phase and weights after it, every verdict, the counters, gate answers, actions and events; or a
 * failure the runner reported between decisions ({@code action-failed}, {@code actions-reapplied},
 * {@code tick-failed}). Fields that do not apply are {@code null}. Build one with {@link #builder}.
 *
 * @param version the format's version on a line of a decision log, {@code null} inside a timeline
 * @param kind {@code decision}, {@code action-failed}, {@code actions-reapplied} or {@code tick-failed}
 * @param canary the canary's id on a line of a decision log, {@code null} inside a timeline
 * @param tick the simulated tick's number from 1, {@code null} outside a simulation
 * @param time when it happened
 * @param input what the machine was told: {@code tick}, {@code revision ...}, {@code command ...}
 * @param phase the phase after the decision
 * @param revision the revision under analysis
 * @param step the step index after the decision, -1 before the first traffic shift
 * @param weights the weights after the decision
 * @param counters the analysis counters after the decision
 * @param verdicts every verdict of the decision's analysis, empty when none was due
 * @param gates the gate answers the decision saw, by gate name
 * @param actions the actions asked for, in order
 * @param performed how many of {@code actions} were performed; fewer means one failed
 * @param events the events, in order
 * @param reason why a failure entry happened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "kind", "canary", "tick", "time", "input", "phase", "revision", "step", "weights",
    "counters", "verdicts", "gates", "actions", "performed", "events", "reason"})
public record TimelineEntry(Integer version, String kind, String canary, Integer tick, Instant time, String input,
    String phase, String revision, Integer step, TimelineWeights weights, Counters counters,
    List<TimelineVerdict> verdicts, Map<String, GateResult> gates, List<TimelineAction> actions, Integer performed,
    List<TimelineEvent> events, String reason) {

  /** The kind of an entry that is a decision. */
  public static final String DECISION = "decision";
  /** The kind of an entry reporting a failed action. */
  public static final String ACTION_FAILED = "action-failed";
  /** The kind of an entry reporting actions performed again. */
  public static final String ACTIONS_REAPPLIED = "actions-reapplied";
  /** The kind of an entry reporting a tick that could not complete. */
  public static final String TICK_FAILED = "tick-failed";

  /**
   * Checks that kind and time are given and copies the lists and gates ({@code null}: empty).
   *
   * @param version the format's version on a line of a decision log, or {@code null}
   * @param kind the entry's kind; not {@code null}
   * @param canary the canary's id on a line of a decision log, or {@code null}
   * @param tick the simulated tick's number, or {@code null}
   * @param time when it happened; not {@code null}
   * @param input what the machine was told, or {@code null}
   * @param phase the phase after the decision, or {@code null}
   * @param revision the revision under analysis, or {@code null}
   * @param step the step index after the decision, or {@code null}
   * @param weights the weights after the decision, or {@code null}
   * @param counters the analysis counters after the decision, or {@code null}
   * @param verdicts the decision's verdicts, or {@code null}
   * @param gates the gate answers by gate name, or {@code null}
   * @param actions the actions asked for, or {@code null}
   * @param performed how many actions were performed, or {@code null}
   * @param events the events, or {@code null}
   * @param reason why a failure entry happened, or {@code null}
   */
  public TimelineEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    gates = gates == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(gates));
    actions = actions == null ? List.of() : List.copyOf(actions);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /**
   * A new entry of {@code kind} at {@code time}, with the fields {@code fill} sets.
   *
   * @param kind the entry's kind, e.g. {@link #DECISION}
   * @param time when it happened
   * @param fill sets the entry's other fields on the builder it is given
   * @return the entry
   */
  public static TimelineEntry builder(String kind, Instant time, Consumer<Builder> fill) {
    Builder b = new Builder();
    b.kind = kind;
    b.time = time;
    fill.accept(b);
    return b.build();
  }

  /**
   * Whether this entry is a decision.
   *
   * @return {@code true} if the kind is {@link #DECISION}
   */
  @JsonIgnore
  public boolean isDecision() {
    return DECISION.equals(kind);
  }

  /**
   * The verdict of {@code metric} in this entry, or {@code null} when it was not judged.
   *
   * @param metric the metric's name
   * @return the verdict, or {@code null}
   */
  public TimelineVerdict verdict(String metric) {
    return verdicts.stream().filter(v -> v.metric().equals(metric)).findFirst().orElse(null);
  }

  /**
   * What the machine was told, in the words of an entry's {@code input}: {@code tick},
   * {@code command ABORT (why)}.
   *
   * @param input the machine's input
   * @return a short description, e.g. {@code tick} or {@code revision v2}
   */
  public static String describe(Input input) {
    if (input instanceof Input.Tick) {
      return "tick";
    }
    if (input instanceof Input.RevisionObserved r) {
      return "revision " + r.fingerprint();
    }
    if (input instanceof Input.RouterObserved r) {
      return "router observed " + r.split();
    }
    Input.Manual m = (Input.Manual) input;
    return "command " + m.command() + (m.reason().isEmpty() ? "" : " (" + m.reason() + ")");
  }

  /** The fields of an entry, set by name; see {@link TimelineEntry} for what each holds. */
  public static final class Builder {
    /** The format's version, on a line of a decision log. */
    public Integer version;
    /** The entry's kind; the builder's caller sets it. */
    public String kind;
    /** The canary's id, on a line of a decision log. */
    public String canary;
    /** The simulated tick's number from 1, in a simulation only. */
    public Integer tick;
    /** When it happened; the builder's caller sets it. */
    public Instant time;
    /** What the machine was told, as {@link TimelineEntry#describe} words it. */
    public String input;
    /** The phase after the decision. */
    public String phase;
    /** The revision under analysis. */
    public String revision;
    /** The step index after the decision, -1 before the first traffic shift. */
    public Integer step;
    /** The weights after the decision. */
    public TimelineWeights weights;
    /** The analysis counters after the decision. */
    public Counters counters;
    /** Every verdict of the decision's analysis. */
    public List<TimelineVerdict> verdicts;
    /** The gate answers the decision saw, by gate name. */
    public Map<String, GateResult> gates;
    /** The actions asked for, in order. */
    public List<TimelineAction> actions;
    /** How many of the actions were performed. */
    public Integer performed;
    /** The events, in order. */
    public List<TimelineEvent> events;
    /** Why a failure entry happened. */
    public String reason;

    private Builder() {}

    private TimelineEntry build() {
      return new TimelineEntry(version, kind, canary, tick, time, input, phase, revision, step, weights, counters,
          verdicts, gates, actions, performed, events, reason);
    }
  }
}
