package dev.canary4j.runner;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.CanaryState;
import dev.canary4j.GateResult;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.Workloads;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Performs one machine action other than {@code SetTraffic} (which the driver writes itself, fenced
 * by the router's version) through the SPIs; failures are thrown as adapter exceptions.
 */
final class ActionPerformer {

  private final Workloads workloads;
  private final Observer observer;
  private final RemoteCalls calls;
  private final EventPublisher events;

  ActionPerformer(Workloads workloads, Observer observer, RemoteCalls calls, EventPublisher events) {
    this.workloads = workloads;
    this.observer = observer;
    this.calls = calls;
    this.events = events;
  }

  void perform(String canaryId, CanaryPolicy policy, CanaryState state, Action action, Instant now) {
    Target target = policy.target();
    if (action instanceof Action.SetTraffic) {
      throw new IllegalArgumentException("SetTraffic is written by the canary's driver, fenced by the router's version");
    } else if (action instanceof Action.Prepare a) {
      calls.run(canaryId, "workloads", "preparing the canary for " + a.revision(), () -> workloads.prepare(target, a.revision()));
    } else if (action instanceof Action.Promote a) {
      calls.run(canaryId, "workloads", "promoting " + a.revision(), () -> workloads.promote(target, a.revision()));
    } else if (action instanceof Action.Finalise a) {
      calls.run(canaryId, "workloads", "finalising " + a.revision(), () -> workloads.finalise(target, a.revision()));
    } else if (action instanceof Action.RollBack a) {
      calls.run(canaryId, "workloads", "rolling back " + a.revision(), () -> workloads.rollBack(target, a.revision()));
    } else if (action instanceof Action.NotifyGates a) {
      Map<String, GateResult> answers = new LinkedHashMap<>();
      for (GateSpec gate : policy.gates(a.type())) {
        if (!gate.isManual()) { // A manual gate has nobody to call; people see the events instead.
          answers.put(gate.name(), observer.call(policy, state, gate));
        }
      }
      events.publish(new RunnerEvent.GatesNotified(canaryId, now, a.type(), answers));
    }
  }

  /**
   * Sends each of a decision's events to the policy's event webhooks, as Flagger's event webhooks
   * do: the usual gate body with {@code eventType} and {@code eventMessage} added to the metadata.
   * Answers are recorded and never steer; an unreachable webhook does not fail anything.
   */
  void notifyEvents(String canaryId, CanaryPolicy policy, CanaryState state, List<CanaryEvent> decided, Instant now) {
    List<GateSpec> webhooks = policy.gates(GateType.EVENT).stream().filter(g -> !g.isManual()).toList();
    if (webhooks.isEmpty() || decided.isEmpty()) {
      return;
    }
    Map<String, GateResult> answers = new LinkedHashMap<>();
    for (CanaryEvent event : decided) {
      for (GateSpec gate : webhooks) {
        Map<String, String> metadata = new LinkedHashMap<>(gate.metadata());
        metadata.put("eventType", event.getClass().getSimpleName());
        metadata.put("eventMessage", event.reason());
        GateSpec withEvent = new GateSpec(gate.name(), gate.type(), gate.url(), gate.timeout(), gate.onTimeout(),
            gate.retries(), metadata);
        answers.put(gate.name(), observer.call(policy, state, withEvent));
      }
    }
    events.publish(new RunnerEvent.GatesNotified(canaryId, now, GateType.EVENT, answers));
  }
}
