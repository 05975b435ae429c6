package dev.canary4j;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the waiting gates of one type in a tick, remembering since when each has been closed so
 * that its timeout can apply. A gate that was asked but not answered counts as closed.
 */
final class GateWait {

  /** The combined answer of the gates of one type. */
  enum Result { OPEN, CLOSED, TIMED_OUT }

  private GateWait() {}

  static Result evaluate(DecisionDraft d, List<GateSpec> gates, Map<String, GateResult> answers) {
    if (gates.isEmpty()) {
      return Result.OPEN;
    }
    Map<String, Instant> before = d.state().gateWaits();
    // Copied at the first change only: a tick whose gates stay as they were leaves the waits shared.
    Map<String, Instant> waits = null;
    Result result = Result.OPEN;
    for (GateSpec g : gates) {
      GateResult answer = answers.get(g.name());
      Instant since = (waits == null ? before : waits).get(g.name());
      boolean wasWaiting = since != null;
      if (answer != null && answer.open()) {
        if (wasWaiting) {
          waits = waits == null ? new HashMap<>(before) : waits;
          waits.remove(g.name());
          d.emit(new CanaryEvent.GateAnswered(d.now(), g.name(), g.type(), true, false,
              label(g) + " opened: " + answer.message()));
        }
        continue;
      }
      String why = answer == null ? "no answer" : answer.message();
      if (!wasWaiting) {
        since = d.now();
        waits = waits == null ? new HashMap<>(before) : waits;
        waits.put(g.name(), since);
        d.emit(new CanaryEvent.GateAnswered(d.now(), g.name(), g.type(), false, false,
            label(g) + " is closed, waiting up to " + g.timeout() + ": " + why));
      }
      if (Duration.between(since, d.now()).compareTo(g.timeout()) >= 0) {
        boolean proceed = g.onTimeout() == GateSpec.TimeoutAction.PROCEED;
        d.emit(new CanaryEvent.GateAnswered(d.now(), g.name(), g.type(), proceed, true,
            label(g) + " stayed closed for " + g.timeout() + (proceed ? "; proceeding as configured" : "; rolling back")));
        waits = waits == null ? new HashMap<>(before) : waits;
        waits.remove(g.name());
        if (!proceed) {
          result = Result.TIMED_OUT;
        }
      } else if (result == Result.OPEN) {
        result = Result.CLOSED;
      }
    }
    if (waits != null) {
      d.change().gateWaits(waits);
    }
    return result;
  }

  /** Whether some recorded wait belongs to a gate of the policy and is not yet longer than its timeout (at the timeout itself the gate still gets to act). */
  static boolean anyWithinTimeout(CanaryPolicy policy, Map<String, Instant> waits, Instant now) {
    for (Map.Entry<String, Instant> wait : waits.entrySet()) {
      Optional<GateSpec> gate = policy.gate(wait.getKey());
      if (gate.isPresent() && Duration.between(wait.getValue(), now).compareTo(gate.get().timeout()) <= 0) {
        return true;
      }
    }
    return false;
  }

  static String label(GateSpec g) {
    return g.type().specName() + " gate " + g.name();
  }

  static boolean anyOpen(DecisionDraft d, List<GateSpec> gates, Map<String, GateResult> answers, GateType type) {
    for (GateSpec g : gates) {
      GateResult answer = answers.get(g.name());
      if (answer != null && answer.open()) {
        d.emit(new CanaryEvent.GateAnswered(d.now(), g.name(), type, true, false, label(g) + " opened: " + answer.message()));
        return true;
      }
    }
    return false;
  }
}
