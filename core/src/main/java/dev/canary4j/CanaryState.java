package dev.canary4j;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.sequential.SequentialEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Everything the machine knows about one canary between two decisions; an immutable value that
 * round-trips through JSON unchanged ({@code dev.canary4j.spec.StateCodec}).
 *
 * @param phase the current phase
 * @param resumePhase the phase a {@code RESUME} returns to, set only while {@code PAUSED}
 * @param pausedBy the limit that paused the canary ({@code failureLimit}, ...), or {@code null}
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
public record CanaryState(Phase phase, Phase resumePhase, String pausedBy, String revision, String primaryRevision,
    int step, int stepPasses, TrafficSplit split, Counters counters, Instant phaseSince, Instant progressAt,
    Map<String, Instant> gateWaits, List<Verdict> lastVerdicts, List<HistoryEntry> history,
    Map<String, SequentialEvidence> evidence) {

  /** History entries kept; older ones are dropped so that state stays small enough for a ConfigMap. */
  public static final int HISTORY_LIMIT = 100;

  /**
   * Validates the state and copies its collections; {@code null} collections and counters become empty.
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
    gateWaits = gateWaits == null ? Map.of() : Map.copyOf(new TreeMap<>(gateWaits));
    lastVerdicts = lastVerdicts == null ? List.of() : List.copyOf(lastVerdicts);
    history = history == null ? List.of() : List.copyOf(history);
    evidence = evidence == null ? Map.of() : Map.copyOf(new TreeMap<>(evidence));
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
  public CanaryState(Phase phase, Phase resumePhase, String pausedBy, String revision, String primaryRevision,
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

  CanaryState withPhase(Phase newPhase, Instant now) {
    return with(c -> {
      c.phase = newPhase;
      c.phaseSince = now;
    });
  }

  CanaryState withPause(Phase resume, String by) {
    return with(c -> {
      c.resumePhase = resume;
      c.pausedBy = by;
    });
  }

  CanaryState withRevisions(String newRevision, String newPrimaryRevision) {
    return with(c -> {
      c.revision = newRevision;
      c.primaryRevision = newPrimaryRevision;
    });
  }

  CanaryState withStep(int newStep, int newStepPasses) {
    return with(c -> {
      c.step = newStep;
      c.stepPasses = newStepPasses;
    });
  }

  CanaryState withSplit(TrafficSplit newSplit) {
    return with(c -> c.split = newSplit);
  }

  CanaryState withCounters(Counters newCounters) {
    return with(c -> c.counters = newCounters);
  }

  CanaryState withProgressAt(Instant at) {
    return with(c -> c.progressAt = at);
  }

  CanaryState withGateWaits(Map<String, Instant> waits) {
    return with(c -> c.gateWaits = waits);
  }

  CanaryState withLastVerdicts(List<Verdict> verdicts) {
    return with(c -> c.lastVerdicts = verdicts);
  }

  CanaryState withEvidence(Map<String, SequentialEvidence> newEvidence) {
    return with(c -> c.evidence = newEvidence);
  }

  CanaryState withHistory(HistoryEntry entry) {
    List<HistoryEntry> h = new ArrayList<>(history);
    h.add(entry);
    while (h.size() > HISTORY_LIMIT) {
      h.remove(0);
    }
    return with(c -> c.history = h);
  }

  // Each change names the fields it sets, so a new component is added in one place (Copy) instead of
  // in every positional constructor call, where two components of one type are easily swapped.
  private CanaryState with(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** A mutable copy of a state, changed by {@link #with} and built into a new state. */
  private static final class Copy {
    Phase phase;
    Phase resumePhase;
    String pausedBy;
    String revision;
    String primaryRevision;
    int step;
    int stepPasses;
    TrafficSplit split;
    Counters counters;
    Instant phaseSince;
    Instant progressAt;
    Map<String, Instant> gateWaits;
    List<Verdict> lastVerdicts;
    List<HistoryEntry> history;
    Map<String, SequentialEvidence> evidence;

    Copy(CanaryState s) {
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

    CanaryState build() {
      return new CanaryState(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split,
          counters, phaseSince, progressAt, gateWaits, lastVerdicts, history, evidence);
    }
  }
}
