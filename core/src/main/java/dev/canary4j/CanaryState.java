package dev.canary4j;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.sequential.SequentialEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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

  public CanaryState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(split, "split");
    counters = counters == null ? Counters.ZERO : counters;
    gateWaits = gateWaits == null ? Map.of() : Map.copyOf(new TreeMap<>(gateWaits));
    lastVerdicts = lastVerdicts == null ? List.of() : List.copyOf(lastVerdicts);
    history = history == null ? List.of() : List.copyOf(history);
    evidence = evidence == null ? Map.of() : Map.copyOf(new TreeMap<>(evidence));
  }

  /** A state without sequential evidence (the shape before the sequential judge kept any). */
  public CanaryState(Phase phase, Phase resumePhase, String pausedBy, String revision, String primaryRevision,
      int step, int stepPasses, TrafficSplit split, Counters counters, Instant phaseSince, Instant progressAt,
      Map<String, Instant> gateWaits, List<Verdict> lastVerdicts, List<HistoryEntry> history) {
    this(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split, counters, phaseSince,
        progressAt, gateWaits, lastVerdicts, history, Map.of());
  }

  /** The state of a canary never seen before. */
  public static CanaryState initial() {
    return new CanaryState(Phase.INITIALIZING, null, null, null, null, -1, 0, TrafficSplit.allPrimary(),
        Counters.ZERO, null, null, Map.of(), List.of(), List.of(), Map.of());
  }

  CanaryState withPhase(Phase newPhase, Instant now) {
    return new CanaryState(newPhase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split,
        counters, now, progressAt, gateWaits, lastVerdicts, history, evidence);
  }

  CanaryState withPause(Phase resume, String by) {
    return new CanaryState(phase, resume, by, revision, primaryRevision, step, stepPasses, split, counters,
        phaseSince, progressAt, gateWaits, lastVerdicts, history, evidence);
  }

  CanaryState withRevisions(String newRevision, String newPrimaryRevision) {
    return new CanaryState(phase, resumePhase, pausedBy, newRevision, newPrimaryRevision, step, stepPasses, split,
        counters, phaseSince, progressAt, gateWaits, lastVerdicts, history, evidence);
  }

  CanaryState withStep(int newStep, int newStepPasses) {
    return new CanaryState(phase, resumePhase, pausedBy, revision, primaryRevision, newStep, newStepPasses, split,
        counters, phaseSince, progressAt, gateWaits, lastVerdicts, history, evidence);
  }

  CanaryState withSplit(TrafficSplit newSplit) {
    return new CanaryState(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, newSplit,
        counters, phaseSince, progressAt, gateWaits, lastVerdicts, history, evidence);
  }

  CanaryState withCounters(Counters newCounters) {
    return new CanaryState(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split,
        newCounters, phaseSince, progressAt, gateWaits, lastVerdicts, history, evidence);
  }

  CanaryState withProgressAt(Instant at) {
    return new CanaryState(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split,
        counters, phaseSince, at, gateWaits, lastVerdicts, history, evidence);
  }

  CanaryState withGateWaits(Map<String, Instant> waits) {
    return new CanaryState(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split,
        counters, phaseSince, progressAt, waits, lastVerdicts, history, evidence);
  }

  CanaryState withLastVerdicts(List<Verdict> verdicts) {
    return new CanaryState(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split,
        counters, phaseSince, progressAt, gateWaits, verdicts, history, evidence);
  }

  CanaryState withEvidence(Map<String, SequentialEvidence> newEvidence) {
    return new CanaryState(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split,
        counters, phaseSince, progressAt, gateWaits, lastVerdicts, history, newEvidence);
  }

  CanaryState withHistory(HistoryEntry entry) {
    List<HistoryEntry> h = new ArrayList<>(history);
    h.add(entry);
    while (h.size() > HISTORY_LIMIT) {
      h.remove(0);
    }
    return new CanaryState(phase, resumePhase, pausedBy, revision, primaryRevision, step, stepPasses, split,
        counters, phaseSince, progressAt, gateWaits, lastVerdicts, h, evidence);
  }
}
