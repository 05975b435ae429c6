package dev.canary4j;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.policy.LimitKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the machine knows about one canary between two decisions; an immutable value that
 * round-trips through JSON unchanged ({@code dev.canary4j.spec.StateCodec}).
 *
 * @param phase the current phase
 * @param resumePhase the phase a {@code RESUME} returns to, set only while {@code PAUSED}
 * @param pausedBy the limit that paused the canary, or {@code null} when none did (a command, or not paused);
 *     stored under its spec name, for example {@code failureLimit}
 * @param revision fingerprint of the revision under analysis (or last analysed)
 * @param primaryRevision fingerprint of the revision the primary runs
 * @param step index of the current step, -1 before the first traffic shift
 * @param stepPasses passing analyses at the current step
 * @param split the traffic split the machine last asked for
 * @param counters the analysis counters
 * @param phaseSince when the current phase began, or {@code null} before any decision
 * @param progressAt when the rollout last made progress (for the progress deadline)
 * @param gateWaits since when each waiting gate has been closed, by gate name
 * @param lastVerdicts the verdicts of the last analysis, every metric included
 * @param history the decisions taken, oldest first, at most {@link #HISTORY_LIMIT}
 * @param evidence what the sequential judge has gathered about each of its metrics since the analysis
 *     started, by metric name; handed back to the judge at the next tick, cleared when an analysis starts
 */
public record CanaryState(Phase phase, Phase resumePhase, LimitKind pausedBy, String revision, String primaryRevision,
    int step, int stepPasses, TrafficSplit split, Counters counters, Instant phaseSince, Instant progressAt,
    Map<String, Instant> gateWaits, List<Verdict> lastVerdicts, List<HistoryEntry> history,
    Map<String, SequentialEvidence> evidence) {

  /** History entries kept; older ones are dropped so that state stays small enough for a ConfigMap. */
  public static final int HISTORY_LIMIT = 100;

  /**
   * Validates the state and copies its collections; {@code null} collections and counters become empty.
   * Collections that are already unmodifiable copies ({@code List.of}, {@code Map.copyOf}) are shared,
   * not copied again, so that a decision that leaves a collection alone does not pay for it.
   *
   * @param phase the current phase; not {@code null}
   * @param resumePhase the phase a {@code RESUME} returns to, or {@code null}
   * @param pausedBy the limit that paused the canary, or {@code null}
   * @param revision the revision under analysis, or {@code null}
   * @param primaryRevision the revision the primary runs, or {@code null}
   * @param step index of the current step, -1 before the first traffic shift
   * @param stepPasses passing analyses at the current step
   * @param split the traffic split the machine last asked for; not {@code null}
   * @param counters the analysis counters, or {@code null} for none
   * @param phaseSince when the current phase began, or {@code null}
   * @param progressAt when the rollout last made progress, or {@code null}
   * @param gateWaits since when each waiting gate has been closed, or {@code null}
   * @param lastVerdicts the verdicts of the last analysis, or {@code null}
   * @param history the decisions taken, oldest first, or {@code null}
   * @param evidence the sequential judge's evidence by metric name, or {@code null}
   */
  public CanaryState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(split, "split");
    counters = counters == null ? Counters.ZERO : counters;
    gateWaits = gateWaits == null ? Map.of() : Map.copyOf(gateWaits);
    lastVerdicts = lastVerdicts == null ? List.of() : List.copyOf(lastVerdicts);
    // A history window is immutable already; copying it would undo the sharing it exists for.
    history = history == null ? List.of() : history instanceof HistoryWindow ? history : List.copyOf(history);
    evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
  }

  /**
   * A state without sequential evidence (the shape before the sequential judge kept any).
   *
   * @param phase the current phase; not {@code null}
   * @param resumePhase the phase a {@code RESUME} returns to, or {@code null}
   * @param pausedBy the limit that paused the canary, or {@code null}
   * @param revision the revision under analysis, or {@code null}
   * @param primaryRevision the revision the primary runs, or {@code null}
   * @param step index of the current step, -1 before the first traffic shift
   * @param stepPasses passing analyses at the current step
   * @param split the traffic split the machine last asked for; not {@code null}
   * @param counters the analysis counters, or {@code null} for none
   * @param phaseSince when the current phase began, or {@code null}
   * @param progressAt when the rollout last made progress, or {@code null}
   * @param gateWaits since when each waiting gate has been closed, or {@code null}
   * @param lastVerdicts the verdicts of the last analysis, or {@code null}
   * @param history the decisions taken, oldest first, or {@code null}
   */
  public CanaryState(Phase phase, Phase resumePhase, LimitKind pausedBy, String revision, String primaryRevision,
      int step, int stepPasses, TrafficSplit split, Counters counters, Instant phaseSince, Instant progressAt,
      Map<String, Instant> gateWaits, List<Verdict> lastVerdicts, List<HistoryEntry> history) {
    this(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split, counters, phaseSince,
        progressAt, gateWaits, lastVerdicts, history, Map.of());
  }

  /**
   * The state of a canary never seen before.
   *
   * @return a state in {@code INITIALIZING} with all traffic on the primary and nothing analysed
   */
  public static CanaryState initial() {
    return new CanaryState(Phase.INITIALIZING, null, null, null, null, -1, 0, TrafficSplit.allPrimary(),
        Counters.ZERO, null, null, Map.of(), List.of(), List.of(), Map.of());
  }

  /**
   * The phase whose rules apply to the analysis: the phase itself, or while paused the phase a
   * {@code RESUME} returns to ({@code PAUSED} only for a paused state that does not know it).
   *
   * @return the phase whose gates, metrics and rules apply; never {@code null}
   */
  public Phase analysisPhase() {
    return phase == Phase.PAUSED && resumePhase != null ? resumePhase : phase;
  }

  /** A mutable copy of this state, the one way the machine changes a state. */
  Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A state being changed: each setter names the components it sets, so that a new component is
   * added here once instead of in every positional constructor call, where two components of one
   * type are easily swapped. A decision changes one builder many times and builds once; unchanged
   * collections are shared with the state it started from, and history entries are appended to a
   * {@link HistoryWindow} without copying the entries before them.
   */
  static final class Builder {
    private Phase phase;
    private Phase resumePhase;
    private LimitKind pausedBy;
    private String revision;
    private String primaryRevision;
    private int step;
    private int stepPasses;
    private TrafficSplit split;
    private Counters counters;
    private Instant phaseSince;
    private Instant progressAt;
    private Map<String, Instant> gateWaits;
    private List<Verdict> lastVerdicts;
    private List<HistoryEntry> history;
    /** Entries remembered since the history was last joined; {@code null} for none. */
    private List<HistoryEntry> remembered;
    private Map<String, SequentialEvidence> evidence;

    private Builder(CanaryState s) {
      phase = s.phase;
      resumePhase = s.resumePhase;
      pausedBy = s.pausedBy;
      revision = s.revision;
      primaryRevision = s.primaryRevision;
      step = s.step;
      stepPasses = s.stepPasses;
      split = s.split;
      counters = s.counters;
      phaseSince = s.phaseSince;
      progressAt = s.progressAt;
      gateWaits = s.gateWaits;
      lastVerdicts = s.lastVerdicts;
      history = s.history;
      evidence = s.evidence;
    }

    Phase phase() {
      return phase;
    }

    TrafficSplit split() {
      return split;
    }

    Builder phase(Phase newPhase, Instant since) {
      phase = newPhase;
      phaseSince = since;
      return this;
    }

    Builder pause(Phase resume, LimitKind by) {
      resumePhase = resume;
      pausedBy = by;
      return this;
    }

    Builder revisions(String newRevision, String newPrimaryRevision) {
      revision = newRevision;
      primaryRevision = newPrimaryRevision;
      return this;
    }

    Builder step(int newStep, int newStepPasses) {
      step = newStep;
      stepPasses = newStepPasses;
      return this;
    }

    Builder split(TrafficSplit newSplit) {
      split = newSplit;
      return this;
    }

    Builder counters(Counters newCounters) {
      counters = newCounters;
      return this;
    }

    Builder progressAt(Instant at) {
      progressAt = at;
      return this;
    }

    Builder gateWaits(Map<String, Instant> waits) {
      gateWaits = waits;
      return this;
    }

    Builder lastVerdicts(List<Verdict> verdicts) {
      lastVerdicts = verdicts;
      return this;
    }

    Builder evidence(Map<String, SequentialEvidence> newEvidence) {
      evidence = newEvidence;
      return this;
    }

    /** Appends {@code entry} to the history; the oldest entries beyond {@link #HISTORY_LIMIT} are dropped. */
    Builder remember(HistoryEntry entry) {
      if (remembered == null) {
        remembered = new ArrayList<>(2);
      }
      remembered.add(entry);
      return this;
    }

    CanaryState build() {
      if (remembered != null) {
        history = HistoryWindow.append(history, remembered, HISTORY_LIMIT);
        remembered = null;
      }
      return new CanaryState(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split,
          counters, phaseSince, progressAt, gateWaits, lastVerdicts, history, evidence);
    }
  }
}
