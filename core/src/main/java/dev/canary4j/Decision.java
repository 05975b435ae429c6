package dev.canary4j;

import java.util.List;
import java.util.Objects;

/**
 * The result of one {@link CanaryMachine#decide}: the new state, the actions to perform in order,
 * and the events that explain them.
 *
 * @param state the state after the decision; persist it before performing the actions
 * @param actions what the host must do, in order
 * @param events what happened, each with a reason
 */
public record Decision(CanaryState state, List<Action> actions, List<CanaryEvent> events) {

  /**
   * Checks that there is a state and copies the lists.
   *
   * @param state the state after the decision; not {@code null}
   * @param actions what the host must do, in order
   * @param events what happened, each with a reason
   */
  public Decision {
    Objects.requireNonNull(state, "state");
    actions = List.copyOf(actions);
    events = List.copyOf(events);
  }
}
