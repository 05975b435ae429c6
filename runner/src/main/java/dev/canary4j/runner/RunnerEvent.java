package dev.canary4j.runner;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.CanaryState;
import dev.canary4j.GateResult;
import dev.canary4j.Input;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.GateType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Something the runner did for one canary; listeners receive these in order per canary. */
public sealed interface RunnerEvent {

  /** The canary's id, {@code namespace/name}. */
  String canaryId();

  /** When it happened, by the runner's clock. */
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
    public ActionsReapplied {
      actions = List.copyOf(actions);
    }
  }

  /** Notification gates were called; their answers are recorded and do not steer. */
  record GatesNotified(String canaryId, Instant at, GateType type, Map<String, GateResult> answers)
      implements RunnerEvent {
    public GatesNotified {
      answers = Map.copyOf(answers);
    }
  }

  /** A tick could not complete; the next one tries again. */
  record TickFailed(String canaryId, Instant at, String reason) implements RunnerEvent {}

  /** A listener threw while handling an event; the other listeners still got it. */
  record ListenerFailed(String canaryId, Instant at, String listener, String reason) implements RunnerEvent {}
}
