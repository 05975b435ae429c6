package dev.canary4j.runner;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.CanaryState;
import dev.canary4j.GateResult;
import dev.canary4j.Input;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.GateType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Something the runner did for one canary; listeners receive these in order per canary. */
public sealed interface RunnerEvent {

  /**
   * The canary's id, {@code namespace/name}.
   *
   * @return the id, never {@code null}
   */
  String canaryId();

  /**
   * When it happened, by the runner's clock.
   *
   * @return the time
   */
  Instant at();

  /**
   * The machine decided, the new state was stored and its actions were attempted.
   *
   * @param input what the machine was told
   * @param state the stored state after the decision
   * @param verdicts every metric verdict of this decision (empty unless the input was a tick)
   * @param gates the gate answers of this decision, by gate name
   * @param actions the actions the machine asked for, in order
   * @param performed how many of {@code actions} were performed; fewer means one failed and the rest wait
   * @param events the machine's events
   */
  record Decided(String canaryId, Instant at, Input input, CanaryState state, List<Verdict> verdicts,
      Map<String, GateResult> gates, List<Action> actions, int performed, List<CanaryEvent> events)
      implements RunnerEvent {
    /**
     * Copies the lists and the map.
     *
     * @param canaryId the canary's id
     * @param at when the machine decided
     * @param input what the machine was told
     * @param state the stored state after the decision
     * @param verdicts every metric verdict of this decision
     * @param gates the gate answers of this decision, by gate name
     * @param actions the actions the machine asked for, in order
     * @param performed how many of {@code actions} were performed
     * @param events the machine's events
     */
    public Decided {
      verdicts = List.copyOf(verdicts);
      gates = Map.copyOf(gates);
      actions = List.copyOf(actions);
      events = List.copyOf(events);
    }
  }

  /** An action failed; it and the actions after it are retried before the canary's next decision. */
  record ActionFailed(String canaryId, Instant at, Action action, String reason) implements RunnerEvent {}

  /** Actions left over from an earlier run or a failure were performed again. */
  record ActionsReapplied(String canaryId, Instant at, List<Action> actions, String reason) implements RunnerEvent {
    /**
     * Copies the actions.
     *
     * @param canaryId the canary's id
     * @param at when they were performed
     * @param actions the actions performed, in order
     * @param reason why they were left over
     */
    public ActionsReapplied {
      actions = List.copyOf(actions);
    }
  }

  /** Notification gates were called; their answers are recorded and do not steer. */
  record GatesNotified(String canaryId, Instant at, GateType type, Map<String, GateResult> answers)
      implements RunnerEvent {
    /**
     * Copies the answers.
     *
     * @param canaryId the canary's id
     * @param at when the gates were called
     * @param type the kind of notification gates called
     * @param answers the answers by gate name
     */
    public GatesNotified {
      answers = Map.copyOf(answers);
    }
  }

  /**
   * A remote call failed transiently and is tried again.
   *
   * @param adapter the adapter called ({@code metric source}, {@code traffic router}, ...)
   * @param call what the call was for
   * @param attempt the attempt that failed, from 1
   * @param reason why it failed, as the adapter classified it (secrets removed by the adapter)
   * @param delay how long the runner waits before the next attempt
   */
  record CallRetried(String canaryId, Instant at, String adapter, String call, int attempt, String reason,
      java.time.Duration delay) implements RunnerEvent {}

  /** A tick could not complete; the next one tries again. */
  record TickFailed(String canaryId, Instant at, String reason) implements RunnerEvent {}

  /**
   * One attempt of a call to an adapter, for metrics and logs; a retry is an attempt after the first.
   *
   * @param adapter the adapter called: {@code traffic router}, {@code metric source}, {@code workloads},
   *     {@code state store}, {@code webhook gate}
   * @param call what was attempted, for example {@code measuring request-success-rate}
   * @param attempt the attempt's number, from 1
   * @param duration how long the attempt took
   * @param outcome how it ended
   * @param reason the failure's message, empty after a success
   */
  record AdapterCalled(String canaryId, Instant at, String adapter, String call, int attempt, Duration duration,
      CallOutcome outcome, String reason) implements RunnerEvent {

    /**
     * Whether this attempt retried a failed one.
     *
     * @return {@code true} for the second attempt and later
     */
    public boolean retry() {
      return attempt > 1;
    }
  }

  /** How an attempt to call an adapter ended. */
  enum CallOutcome {
    /** It succeeded. */
    SUCCESS,
    /** It failed in a way a retry may mend (a timeout, a 503, a connection reset). */
    TRANSIENT_FAILURE,
    /** It failed in a way no retry mends (a rejected query, a missing object). */
    PERMANENT_FAILURE,
    /** It was not attempted: the adapter's circuit breaker is open. */
    CIRCUIT_OPEN
  }

  /**
   * A tick ended, decided or failed.
   *
   * @param duration how long the tick took, adapter calls and retries included
   * @param succeeded whether it decided; {@code false} after a {@link TickFailed}
   */
  record TickCompleted(String canaryId, Instant at, Duration duration, boolean succeeded) implements RunnerEvent {}

  /** A listener threw while handling an event; the other listeners still got it. */
  record ListenerFailed(String canaryId, Instant at, String listener, String reason) implements RunnerEvent {}
}
