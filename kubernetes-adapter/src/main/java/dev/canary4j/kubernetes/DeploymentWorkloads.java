package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.Readiness;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConflictException;
import dev.canary4j.kubernetes.client.KubeNotFoundException;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import dev.canary4j.spi.Workloads;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Workloads} on two Deployments in Flagger's primary-copy model: the canary Deployment (the
 * target, which users update) and the primary Deployment (which serves the stable version).
 * Revisions are {@link ConfigFingerprint} fingerprints of the canary Deployment.
 *
 * <p>{@link #promote} copies the canary's pod template onto the primary with a compare-and-set PUT,
 * so that fields the canary no longer has disappear from the primary too. The template's labels are
 * the canary's, except that the labels of the canary's selector are dropped and the primary's
 * selector labels are set: the primary's pods must keep matching the primary's (immutable) selector
 * and must not match the canary's, or the canary's Service would route to them. The primary keeps
 * its replicas, selector and strategy, and records the revision in the annotation {@value
 * #PROMOTED_REVISION}; a promotion it already records is not repeated. Before copying, the canary's
 * fingerprint is checked: a canary that changed since its analysis is never promoted.
 *
 * <p>ConfigMaps and Secrets are not copied: primary and canary share them. Keep configuration that
 * changes between revisions in objects with versioned names (as kustomize's configMapGenerator
 * does), so that the pod template carries the change and the primary gets it on promotion.
 *
 * <p>{@link #finalise} and {@link #rollBack} scale the canary to zero replicas (a JSON merge patch
 * of {@code spec.replicas}); a canary already at zero, or deleted, is left alone. An autoscaler on
 * the canary must accept zero (the HorizontalPodAutoscaler stops scaling a Deployment at zero).
 * {@link #prepare}, which the runner calls when an analysis starts, brings the canary back to the
 * primary's replica count.
 *
 * <p>Readiness is read from each Deployment's status the way {@code kubectl rollout status} reads it:
 * the controller has observed the latest spec ({@code observedGeneration}), every wanted replica
 * runs the latest template ({@code updatedReplicas}), no old replica is left, and every one is
 * ready and available. A {@code Progressing} condition with reason {@code ProgressDeadlineExceeded}
 * means the Deployment will never be ready without a change. A canary at zero replicas is not
 * ready, and a primary is not ready for a revision that its {@value #PROMOTED_REVISION} annotation
 * does not record (when it records one).
 *
 * <p>Thread-safe; every method is idempotent. Failures are the {@link KubeClient}'s transient or
 * permanent exceptions, or {@link PermanentAdapterException}s naming the missing Deployment.
 */
public final class DeploymentWorkloads implements Workloads {

  /** The primary Deployment's annotation holding the revision last promoted to it. */
  public static final String PROMOTED_REVISION = "canary4j.dev/promoted-revision";
  /** Attempts of a promotion whose PUT loses a race with another writer of the primary (409). */
  public static final int MAX_WRITE_ATTEMPTS = 5;

  private final KubeClient client;
  private final ConfigFingerprint fingerprint;

  /**
   * Workloads on the Deployments reached through {@code client}.
   *
   * @param client the Kubernetes API client to read and write the Deployments through; not {@code null}
   */
  public DeploymentWorkloads(KubeClient client) {
    this.client = Objects.requireNonNull(client, "client");
    this.fingerprint = new ConfigFingerprint(client);
  }

  /** Copies the canary's pod template to the primary; permanent error if the canary left {@code revision}. */
  @Override
  public void promote(Target target, String revision) {
    Objects.requireNonNull(revision, "revision");
    KubeConflictException lastRace = null;
    for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      ObjectNode primary = deployment(target, target.primary(), "primary");
      if (revision.equals(primary.at("/metadata/annotations").path(PROMOTED_REVISION).asText(null))) {
        return;
      }
      ObjectNode canary = deployment(target, target.canary(), "canary");
      String running = fingerprint.compute(target.namespace(), canary).sha256();
      if (!running.equals(revision)) {
        throw new PermanentAdapterException("Refusing to promote " + describe(target, target.canary())
            + ": it now runs revision " + running + ", not the analysed revision " + revision
            + "; the new revision needs its own analysis");
      }
      try {
        client.replace(KubeResource.DEPLOYMENTS, target.namespace(), target.primary(), promoted(primary, canary, revision));
        return;
      } catch (KubeConflictException race) {
        lastRace = race;
      } catch (KubeNotFoundException e) {
        throw new PermanentAdapterException(describe(target, target.primary()) + " was deleted during its promotion", e);
      }
    }
    throw new TransientAdapterException("Promoting " + describe(target, target.primary()) + " lost "
        + MAX_WRITE_ATTEMPTS + " races in a row to other writers (409)", lastRace);
  }

  /** Scales the canary Deployment to 0 after a promotion. */
  @Override
  public void finalise(Target target, String revision) {
    scaleCanaryToZero(target);
  }

  /** Scales the canary Deployment to 0, leaving all traffic on the primary. */
  @Override
  public void rollBack(Target target, String revision) {
    scaleCanaryToZero(target);
  }

  /**
   * The revision last promoted to the primary ({@value #PROMOTED_REVISION}), if it records one.
   * A host without stored state can tell the runner this revision first, so that a canary that
   * differs from it is analysed instead of being taken for the primary's revision.
   *
   * @param target the rollout's target, naming the primary Deployment
   * @return the recorded revision, or empty when the primary carries no such annotation
   */
  public Optional<String> promotedRevision(Target target) {
    return Optional.ofNullable(deployment(target, target.primary(), "primary").at("/metadata/annotations")
        .path(PROMOTED_REVISION).asText(null));
  }

  /** The canary Deployment's readiness, from its status. */
  @Override
  public Readiness canaryReadiness(Target target, String revision) {
    ObjectNode canary = deployment(target, target.canary(), "canary");
    if (replicas(canary) == 0) {
      return Readiness.notReady(describe(target, target.canary()) + " is scaled to zero replicas");
    }
    return readinessOf(canary, describe(target, target.canary()));
  }

  /** The primary Deployment's readiness for {@code revision}, from its status and its promotion annotation. */
  @Override
  public Readiness primaryReadiness(Target target, String revision) {
    ObjectNode primary = deployment(target, target.primary(), "primary");
    String promoted = primary.at("/metadata/annotations").path(PROMOTED_REVISION).asText(null);
    if (promoted != null && revision != null && !promoted.equals(revision)) {
      return Readiness.notReady(describe(target, target.primary()) + " runs revision " + promoted + ", not " + revision);
    }
    return readinessOf(primary, describe(target, target.primary()));
  }

  /** Whether {@code deployment} has rolled out its latest spec with every replica ready and available. */
  static Readiness readinessOf(ObjectNode deployment, String name) {
    JsonNode status = deployment.path("status");
    for (JsonNode condition : status.path("conditions")) {
      if ("Progressing".equals(condition.path("type").asText()) && "ProgressDeadlineExceeded".equals(
          condition.path("reason").asText())) {
        return Readiness.neverReady(name + ": ProgressDeadlineExceeded: " + condition.path("message").asText(""));
      }
    }
    long generation = deployment.path("metadata").path("generation").asLong(0);
    long observed = status.path("observedGeneration").asLong(0);
    if (observed < generation) {
      return Readiness.notReady(name + ": generation " + generation + " not yet observed by the controller (at "
          + observed + ")");
    }
    long wanted = replicas(deployment);
    long updated = status.path("updatedReplicas").asLong(0);
    long total = status.path("replicas").asLong(0);
    long ready = status.path("readyReplicas").asLong(0);
    long available = status.path("availableReplicas").asLong(0);
    if (updated < wanted) {
      return Readiness.notReady(name + ": " + updated + " of " + wanted + " replicas run the latest template");
    }
    if (total > updated) {
      return Readiness.notReady(name + ": " + (total - updated) + " old replicas are still terminating");
    }
    if (ready < wanted || available < wanted) {
      return Readiness.notReady(name + ": " + Math.min(ready, available) + " of " + wanted
          + " replicas ready and available");
    }
    return Readiness.ready();
  }

  /** Scales the canary back up for the analysis of {@code revision}, as {@link #scaleUpCanary} does. */
  @Override
  public void prepare(Target target, String revision) {
    scaleUpCanary(target);
  }

  /**
   * Scales the canary back up when it is at zero replicas: to the primary's replica count, at least
   * one. Returns whether it scaled.
   *
   * @param target the rollout's target, naming the primary and canary Deployments
   * @return {@code true} if the canary was at zero replicas and was scaled up, {@code false} if it was left
   *     as it was
   */
  public boolean scaleUpCanary(Target target) {
    ObjectNode canary = deployment(target, target.canary(), "canary");
    if (replicas(canary) > 0) {
      return false;
    }
    long wanted = client.find(KubeResource.DEPLOYMENTS, target.namespace(), target.primary())
        .map(DeploymentWorkloads::replicas).filter(n -> n > 0).orElse(1L);
    client.mergePatch(KubeResource.DEPLOYMENTS, target.namespace(), target.canary(), replicasPatch(wanted));
    return true;
  }

  private void scaleCanaryToZero(Target target) {
    Optional<ObjectNode> canary = client.find(KubeResource.DEPLOYMENTS, target.namespace(), target.canary());
    if (canary.isEmpty() || replicas(canary.get()) == 0) {
      return; // A deleted canary runs nothing either.
    }
    try {
      client.mergePatch(KubeResource.DEPLOYMENTS, target.namespace(), target.canary(), replicasPatch(0));
    } catch (KubeNotFoundException deletedMeanwhile) {
      // Same as above.
    }
  }

  /** The primary with the canary's pod template, relabelled for the primary's selector, and the revision recorded. */
  static ObjectNode promoted(ObjectNode primary, ObjectNode canary, String revision) {
    ObjectNode next = primary.deepCopy();
    ObjectNode template = canary.path("spec").path("template").deepCopy();
    ObjectNode labels = template.withObjectProperty("metadata").withObjectProperty("labels");
    canary.at("/spec/selector/matchLabels").fieldNames().forEachRemaining(labels::remove);
    JsonNode primarySelector = primary.at("/spec/selector/matchLabels");
    if (primarySelector instanceof ObjectNode selector) {
      labels.setAll(selector.deepCopy());
    }
    next.withObjectProperty("spec").set("template", template);
    next.withObjectProperty("metadata").withObjectProperty("annotations").put(PROMOTED_REVISION, revision);
    return next;
  }

  private ObjectNode deployment(Target target, String name, String role) {
    try {
      return client.get(KubeResource.DEPLOYMENTS, target.namespace(), name);
    } catch (KubeNotFoundException e) {
      throw new PermanentAdapterException("The " + role + " " + describe(target, name) + " of canary " + target.id()
          + " does not exist" + (role.equals("primary") ? "; create it as a copy of the canary with its own selector" : ""),
          e);
    }
  }

  private static long replicas(ObjectNode deployment) {
    // The API server defaults an absent spec.replicas to 1.
    return deployment.path("spec").path("replicas").asLong(1);
  }

  private static ObjectNode replicasPatch(long replicas) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("spec").put("replicas", replicas);
    return patch;
  }

  private static String describe(Target target, String name) {
    return "Deployment " + target.namespace() + "/" + name;
  }
}
