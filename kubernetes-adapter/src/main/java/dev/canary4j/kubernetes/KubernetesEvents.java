package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.AnalysisOutcome;
import dev.canary4j.CanaryEvent;
import dev.canary4j.Phase;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeNotFoundException;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.policy.Target;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records what the machine decided as Kubernetes Events on the target's canary Deployment, so that
 * {@code kubectl describe deploy NAME} tells the rollout's story: analysis started, each weight
 * step, gates waiting, limits reached, paused, promoted, rolled back, commands answered.
 *
 * <p>Events are aggregated as the API server's own clients do: an event equal to one recorded
 * before (same reason and message) increments that Event's {@code count} and moves its
 * {@code lastTimestamp} instead of creating another object, so a gate waiting for an hour or an
 * analysis failing tick after tick is one Event, not hundreds. Not thread-safe: one controller
 * thread uses it.
 */
public final class KubernetesEvents {

  /** The Events' {@code reportingComponent} and {@code source.component}. */
  public static final String COMPONENT = "canary4j";
  static final KubeResource EVENTS = new KubeResource("", "v1", "events", "Event");
  private static final int REMEMBERED = 256;

  private final KubeClient client;
  private final String instance;
  private final Map<String, Recorded> recorded = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
      return size() > REMEMBERED;
    }
  };

  private record Recorded(String name, int count) {}

  /**
   * A recorder writing through {@code client} as {@code instance} (the controller replica's identity).
   *
   * @param client the Kubernetes API client to write the Events through; not {@code null}
   * @param instance the reporting instance written on each Event, e.g. the pod name
   */
  public KubernetesEvents(KubeClient client, String instance) {
    this.client = client;
    this.instance = instance;
  }

  /**
   * Records {@code events} of a decision on {@code target}'s canary Deployment.
   *
   * @param target the rollout's target, whose canary Deployment the Events are about
   * @param events the events of one decision, in order; possibly empty
   */
  public void record(Target target, List<CanaryEvent> events) {
    for (CanaryEvent e : events) {
      describe(e).ifPresent(k -> record(target, k, e.at()));
    }
  }

  /** The reason and message an event is recorded with, or empty for one that tells nothing new. */
  record Kind(String type, String reason, String message) {}

  static Optional<Kind> describe(CanaryEvent event) {
    if (event instanceof CanaryEvent.AnalysisStarted e) {
      return Optional.of(new Kind("Normal", "AnalysisStarted", e.reason()));
    } else if (event instanceof CanaryEvent.TrafficShifted e) {
      return Optional.of(new Kind("Normal", "TrafficShifted",
          "Traffic primary/canary " + e.from() + " -> " + e.to() + ": " + e.reason()));
    } else if (event instanceof CanaryEvent.PhaseChanged e) {
      return phase(e);
    } else if (event instanceof CanaryEvent.LimitReached e) {
      return Optional.of(new Kind("Warning", "LimitReached", e.reason()));
    } else if (event instanceof CanaryEvent.GateAnswered e) {
      return e.open() ? Optional.empty() : Optional.of(e.timedOut() ? new Kind("Warning", "GateTimedOut", e.reason())
          : new Kind("Normal", "GateWaiting", e.reason()));
    } else if (event instanceof CanaryEvent.CommandHandled e) {
      return Optional.of(new Kind("Normal", "CommandHandled", e.reason()));
    } else if (event instanceof CanaryEvent.AnalysisJudged e) {
      return e.outcome() == AnalysisOutcome.FAIL || e.outcome() == AnalysisOutcome.CRITICAL_FAIL ? Optional.of(new Kind("Warning", "AnalysisFailed", e.reason()))
          : Optional.empty();
    } else if (event instanceof CanaryEvent.TrafficDriftCorrected e) {
      return Optional.of(new Kind("Warning", "TrafficDriftCorrected", e.reason()));
    }
    return Optional.empty();
  }

  private static Optional<Kind> phase(CanaryEvent.PhaseChanged e) {
    Phase to = e.to();
    String message = e.from() + " -> " + to + ": " + e.reason();
    return switch (to) {
      case PROMOTING, SUCCEEDED -> Optional.of(new Kind("Normal", "Promoted", message));
      case FAILED, ABORTED -> Optional.of(new Kind("Warning", "RolledBack", message));
      case PAUSED -> Optional.of(new Kind("Normal", "Paused", message));
      default -> Optional.of(new Kind("Normal", "PhaseChanged", message));
    };
  }

  private void record(Target target, Kind kind, Instant at) {
    String key = target.id() + "\n" + kind.reason() + "\n" + kind.message();
    String time = at.truncatedTo(ChronoUnit.SECONDS).toString();
    Recorded before = recorded.get(key);
    if (before != null) {
      ObjectNode patch = JsonNodeFactory.instance.objectNode().put("count", before.count() + 1)
          .put("lastTimestamp", time);
      try {
        client.mergePatch(EVENTS, target.namespace(), before.name(), patch);
        recorded.put(key, new Recorded(before.name(), before.count() + 1));
        return;
      } catch (KubeNotFoundException expired) {
        // Events expire (an hour by default); start a new one.
      }
    }
    ObjectNode deployment = client.get(KubeResource.DEPLOYMENTS, target.namespace(), target.canary());
    ObjectNode event = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Event");
    event.putObject("metadata").put("generateName", target.canary() + ".").put("namespace", target.namespace());
    event.putObject("involvedObject").put("apiVersion", "apps/v1").put("kind", "Deployment")
        .put("namespace", target.namespace()).put("name", target.canary())
        .put("uid", deployment.path("metadata").path("uid").asText(""));
    String message = kind.message().length() > 1024 ? kind.message().substring(0, 1021) + "..." : kind.message();
    event.put("type", kind.type()).put("reason", kind.reason()).put("message", message)
        .put("firstTimestamp", time).put("lastTimestamp", time).put("count", 1)
        .put("reportingComponent", COMPONENT).put("reportingInstance", instance);
    event.putObject("source").put("component", COMPONENT);
    ObjectNode created = client.create(EVENTS, target.namespace(), event);
    recorded.put(key, new Recorded(created.path("metadata").path("name").asText(), 1));
  }
}
