package dev.canary4j.gate;

import dev.canary4j.GateResult;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers of manual gates, given by people through the runner's control API. An answer holds for
 * the analysis it was given in: a new revision, or the same one analysed again, has to be approved
 * again. Thread-safe.
 */
public final class ManualGates {

  /** Creates a set of manual gates with no answer given yet. */
  public ManualGates() {}

  private record Key(String canaryId, String gate) {}

  private record Answer(String revision, GateResult result) {}

  private final Map<Key, Answer> answers = new ConcurrentHashMap<>();

  /**
   * Records {@code result} for gate {@code gate} of canary {@code canaryId} at {@code revision}.
   *
   * @param canaryId the canary's id, {@code namespace/name}
   * @param gate the manual gate's name
   * @param revision the revision the answer is for
   * @param result the answer
   */
  public void answer(String canaryId, String gate, String revision, GateResult result) {
    Objects.requireNonNull(canaryId, "canaryId");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(result, "result");
    answers.put(new Key(canaryId, gate), new Answer(revision, result));
  }

  /**
   * Forgets every answer given for canary {@code canaryId}; called when an analysis starts, because
   * an approval belongs to one analysis, even when the same revision is analysed again.
   *
   * @param canaryId the canary's id, {@code namespace/name}
   */
  public void forget(String canaryId) {
    answers.keySet().removeIf(k -> k.canaryId().equals(canaryId));
  }

  /**
   * The answer given for {@code gate} at {@code revision}, if any.
   *
   * @param canaryId the canary's id, {@code namespace/name}
   * @param gate the manual gate's name
   * @param revision the revision under analysis
   * @return the answer, or empty when none was given for that revision since the analysis began
   */
  public Optional<GateResult> answerFor(String canaryId, String gate, String revision) {
    Answer a = answers.get(new Key(canaryId, gate));
    return a == null || !Objects.equals(a.revision(), revision) ? Optional.empty() : Optional.of(a.result());
  }
}
