package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.kubernetes.client.ObjectWatch;
import dev.canary4j.policy.Target;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Watches what a canary's revision fingerprint is made of: the target's canary Deployment, and the
 * ConfigMaps and Secrets its pod template references (namespace-wide watches of both kinds,
 * filtered by the references of the Deployment last seen, so that a reference added by a new
 * revision is followed without a new watch). Calls {@code onChange} when any of them changes, on a
 * watch thread, so that the host computes the fingerprint at once instead of at its next poll.
 * Secret contents are compared by resourceVersion only and never kept beyond the event.
 */
public final class RevisionWatch implements AutoCloseable {

  private final List<ObjectWatch> watches;
  private volatile Set<String> references = Set.of();

  /**
   * Watches for {@code target} through {@code client}; each of its three watches resyncs every {@code
   * resync}.
   *
   * @param client the Kubernetes API client to watch through; not {@code null}
   * @param target the rollout's target, whose Deployments are watched
   * @param resync how often each watch hands over every object again; positive
   * @param onChange called on a watch thread when a watched object changes
   * @param problems receives each failure of a watch, which then retries
   */
  public RevisionWatch(KubeClient client, Target target, Duration resync, Runnable onChange,
      Consumer<RuntimeException> problems) {
    Consumer<ObjectWatch.Event> deployment = e -> {
      ObjectNode template = (ObjectNode) e.object().path("spec").path("template");
      references = ConfigReferences.of(template).stream().map(r -> r.kind() + "/" + r.name())
          .collect(Collectors.toUnmodifiableSet());
      if (e.type() != ObjectWatch.Type.RESYNC) {
        onChange.run();
      }
    };
    this.watches = List.of(
        ObjectWatch.builder(client, KubeResource.DEPLOYMENTS, target.namespace()).name(target.canary())
            .resync(resync).onEvent(deployment).onProblem(problems).build(),
        config(client, KubeResource.CONFIG_MAPS, target, resync, onChange, problems),
        config(client, KubeResource.SECRETS, target, resync, onChange, problems));
  }

  private ObjectWatch config(KubeClient client, KubeResource type, Target target, Duration resync, Runnable onChange,
      Consumer<RuntimeException> problems) {
    return ObjectWatch.builder(client, type, target.namespace()).resync(resync).onProblem(problems).onEvent(e -> {
      String key = type.kind() + "/" + e.object().path("metadata").path("name").asText();
      if (e.type() != ObjectWatch.Type.RESYNC && references.contains(key)) {
        onChange.run();
      }
    }).build();
  }

  /**
   * Starts the watches.
   *
   * @return this watch, for chaining
   */
  public RevisionWatch start() {
    watches.forEach(ObjectWatch::start);
    return this;
  }

  /** Stops the watches. */
  @Override
  public void close() {
    watches.forEach(ObjectWatch::close);
  }
}
