package dev.canary4j;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A decision being assembled: the evolving state plus the actions and events so far. Every phase
 * change goes through {@link #moveTo}, which checks it against {@link PhaseTransition}.
 *
 * <p>The state is changed through one {@link CanaryState.Builder} ({@link #change()}) and built only
 * when it is read after a change, and once at the end: a decision that changes many fields copies no
 * state in between.
 */
final class DecisionDraft {
  private final Instant now;
  /** Made at the first action or event: most ticks have a few, many none. */
  private List<Action> actions;
  private List<CanaryEvent> events;
  /** The next state's builder, made at the first change. */
  private CanaryState.Builder next;
  /** The state as changed so far, or {@code null} when it changed since it was last built. */
  private CanaryState state;

  DecisionDraft(CanaryState state, Instant now) {
    this.state = state;
    this.now = now;
  }

  Instant now() {
    return now;
  }

  /** The state as changed so far. */
  CanaryState state() {
    if (state == null) {
      state = next.build();
    }
    return state;
  }

  /** The builder of the next state; what is set on it shows in {@link #state()} from then on. */
  CanaryState.Builder change() {
    if (next == null) {
      next = state.toBuilder();
    }
    state = null;
    return next;
  }

  private Phase phase() {
    return state != null ? state.phase() : next.phase();
  }

  private TrafficSplit split() {
    return state != null ? state.split() : next.split();
  }

  void act(Action action) {
    if (actions == null) {
      actions = new ArrayList<>(4);
    }
    actions.add(action);
  }

  void emit(CanaryEvent event) {
    if (events == null) {
      events = new ArrayList<>(4);
    }
    events.add(event);
  }

  /** Moves to {@code to} (a no-op when already there); the move counts as progress. */
  void moveTo(Phase to, String reason) {
    Phase from = phase();
    if (from == to) {
      return;
    }
    PhaseTransition.of(from, to);
    change().phase(to, now).progressAt(now);
    emit(new CanaryEvent.PhaseChanged(now, from, to, reason));
    remember(reason);
  }

  /** Asks for {@code split}; the action is emitted only when it differs from the state's split. */
  void shiftTo(TrafficSplit split, String reason) {
    TrafficSplit from = split();
    if (from.equals(split)) {
      return;
    }
    change().split(split);
    act(new Action.SetTraffic(split));
    emit(new CanaryEvent.TrafficShifted(now, from, split, reason));
    remember(reason);
  }

  void remember(String reason) {
    HistoryEntry entry = new HistoryEntry(now, phase(), split().canary(), reason);
    change().remember(entry);
  }

  Decision build() {
    return new Decision(state(), actions == null ? List.of() : actions, events == null ? List.of() : events);
  }
}
