package dev.canary4j;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A decision being assembled: the evolving state plus the actions and events so far. Every phase
 * change goes through {@link #moveTo}, which checks it against {@link PhaseTransition}.
 */
final class DecisionDraft {
  private final Instant now;
  private final List<Action> actions = new ArrayList<>();
  private final List<CanaryEvent> events = new ArrayList<>();
  private CanaryState state;

  DecisionDraft(CanaryState state, Instant now) {
    this.state = state;
    this.now = now;
  }

  Instant now() {
    return now;
  }

  CanaryState state() {
    return state;
  }

  void update(CanaryState newState) {
    state = newState;
  }

  void act(Action action) {
    actions.add(action);
  }

  void emit(CanaryEvent event) {
    events.add(event);
  }

  /** Moves to {@code to} (a no-op when already there); the move counts as progress. */
  void moveTo(Phase to, String reason) {
    Phase from = state.phase();
    if (from == to) {
      return;
    }
    PhaseTransition.of(from, to);
    state = state.withPhase(to, now).withProgressAt(now);
    events.add(new CanaryEvent.PhaseChanged(now, from, to, reason));
    remember(reason);
  }

  /** Asks for {@code split}; the action is emitted only when it differs from the state's split. */
  void shiftTo(TrafficSplit split, String reason) {
    TrafficSplit from = state.split();
    if (from.equals(split)) {
      return;
    }
    state = state.withSplit(split);
    actions.add(new Action.SetTraffic(split));
    events.add(new CanaryEvent.TrafficShifted(now, from, split, reason));
    remember(reason);
  }

  void remember(String reason) {
    state = state.withHistory(new HistoryEntry(now, state.phase(), state.split().canary(), reason));
  }

  Decision build() {
    return new Decision(state, actions, events);
  }
}
