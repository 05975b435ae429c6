package dev.canary4j;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.sequential.SequentialEvidence;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the machine is told: a tick's observations, a revision, the router's split, or a command. */
public sealed interface Input {

  /**
   * One analysis tick: the verdicts of every metric the {@link TickPlan} asked to measure and the
   * answers of the gates it asked, by gate name. A gate asked for but not answered counts as closed;
   * a metric without a verdict counts as a provider error.
   *
   * @param verdicts the metrics' verdicts
   * @param gates the gates' answers, by gate name
   * @param evidence the sequential judge's evidence after this tick, by metric name; the machine keeps
   *     it in the state when it analyses the tick (a metric left out keeps its earlier evidence)
   * @param readiness whether the canary and the primary are ready; no weight of the canary is raised
   *     while it is not, and a promotion finishes only once the primary is
   */
  record Tick(List<Verdict> verdicts, Map<String, GateResult> gates, Map<String, SequentialEvidence> evidence,
      WorkloadReadiness readiness) implements Input {
    /**
     * Copies the lists and maps; {@code null} ones become empty, and {@code null} readiness becomes both
     * ready.
     *
     * @param verdicts the metrics' verdicts, or {@code null}
     * @param gates the gates' answers by gate name, or {@code null}
     * @param evidence the sequential judge's evidence by metric name, or {@code null}
     * @param readiness whether the canary and the primary are ready, or {@code null}
     */
    public Tick {
      verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
      gates = gates == null ? Map.of() : Map.copyOf(gates);
      evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
      readiness = readiness == null ? WorkloadReadiness.allReady() : readiness;
    }

    /**
     * A tick with both workloads ready.
     *
     * @param verdicts the metrics' verdicts, or {@code null}
     * @param gates the gates' answers by gate name, or {@code null}
     * @param evidence the sequential judge's evidence by metric name, or {@code null}
     */
    public Tick(List<Verdict> verdicts, Map<String, GateResult> gates, Map<String, SequentialEvidence> evidence) {
      this(verdicts, gates, evidence, WorkloadReadiness.allReady());
    }

    /**
     * A tick without sequential evidence, with both workloads ready.
     *
     * @param verdicts the metrics' verdicts, or {@code null}
     * @param gates the gates' answers by gate name, or {@code null}
     */
    public Tick(List<Verdict> verdicts, Map<String, GateResult> gates) {
      this(verdicts, gates, Map.of());
    }

    /**
     * This tick with {@code observed} readiness.
     *
     * @param observed the readiness observed before this tick
     * @return a new tick; this one is unchanged
     */
    public Tick withReadiness(WorkloadReadiness observed) {
      return new Tick(verdicts, gates, evidence, observed);
    }

    /**
     * A tick with verdicts and no gate answers.
     *
     * @param verdicts the metrics' verdicts
     * @return a tick with both workloads ready and no sequential evidence
     */
    public static Tick of(List<Verdict> verdicts) {
      return new Tick(verdicts, Map.of());
    }

    /**
     * A tick with no verdicts and no gate answers.
     *
     * @return a tick with both workloads ready and no sequential evidence
     */
    public static Tick empty() {
      return new Tick(List.of(), Map.of());
    }
  }

  /**
   * The target's current revision fingerprint (pod template and referenced configuration); a
   * fingerprint other than the one under analysis starts a new analysis.
   */
  record RevisionObserved(String fingerprint) implements Input {
    /**
     * Checks that there is a fingerprint.
     *
     * @param fingerprint the target's current revision; not {@code null}
     */
    public RevisionObserved {
      Objects.requireNonNull(fingerprint, "fingerprint");
    }
  }

  /** The split the router applies now; a difference from the state's split is corrected. */
  record RouterObserved(TrafficSplit split) implements Input {
    /**
     * Checks that there is a split.
     *
     * @param split the split the router applies now; not {@code null}
     */
    public RouterObserved {
      Objects.requireNonNull(split, "split");
    }
  }

  /** A manual command, with who or why for the history. */
  record Manual(Command command, String reason) implements Input {
    /**
     * Checks that there is a command; a {@code null} reason becomes empty.
     *
     * @param command the command; not {@code null}
     * @param reason who gave it or why, kept in the decision history; or {@code null}
     */
    public Manual {
      Objects.requireNonNull(command, "command");
      reason = reason == null ? "" : reason;
    }
  }
}
