package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConflictException;
import dev.canary4j.kubernetes.client.KubeNotFoundException;
import dev.canary4j.kubernetes.client.KubeResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, so that one of several controller
 * replicas drives the canaries. Call {@link #tryAcquireOrRenew()} periodically (every third of the
 * lease duration, say); act only while {@link #isLeader()}; {@link #release()} on shutdown.
 *
 * <p>Expiry is judged on this process's clock: another holder's lease counts as expired only when
 * its record has not changed for a whole lease duration since this elector first saw it, whatever
 * the {@code renewTime} written by the holder's (possibly skewed) clock says. Every change of holder
 * increments {@code leaseTransitions}. Writes are compare-and-set on {@code resourceVersion}, so two
 * electors can never both win. Thread-safe.
 */
public final class LeaseLeaderElector {

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final KubeClient client;
  private final String namespace;
  private final String name;
  private final String identity;
  private final Duration leaseDuration;
  private final long leaseDurationSeconds;
  private final Clock clock;

  private JsonNode observedSpec;
  private Instant observedAt;
  private Instant renewedAt;

  /**
   * An elector for Lease {@code namespace/name} as {@code identity} (unique per replica, e.g. the
   * pod name); {@code leaseDuration} must be a whole number of seconds, as the Lease stores it.
   *
   * @param client the Kubernetes API client to read and write the Lease through; not {@code null}
   * @param namespace the Lease's namespace
   * @param name the Lease's name, shared by all replicas
   * @param identity this replica's holder identity
   * @param leaseDuration how long a held Lease stays valid without renewal; whole seconds, positive
   * @param clock the clock for renew times and expiry
   */
  public LeaseLeaderElector(KubeClient client, String namespace, String name, String identity, Duration leaseDuration,
      Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.name = Objects.requireNonNull(name, "name");
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("identity must not be blank, but was '" + identity + "'");
    }
    this.identity = identity;
    this.leaseDurationSeconds = wholeSeconds(leaseDuration);
    this.leaseDuration = Duration.ofSeconds(leaseDurationSeconds);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * {@code spec.leaseDurationSeconds} is a whole number of seconds (int32): a fraction would be cut off
   * on the wire while this holder still judged its own expiry by the exact duration, so other replicas
   * would see the lease expire at a different moment than the holder does.
   */
  private static long wholeSeconds(Duration leaseDuration) {
    if (leaseDuration == null || leaseDuration.compareTo(Duration.ofSeconds(1)) < 0
        || leaseDuration.compareTo(Duration.ofSeconds(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("leaseDuration must be between 1 second and " + Integer.MAX_VALUE
          + " seconds, but was " + leaseDuration);
    }
    if (leaseDuration.getNano() != 0) {
      throw new IllegalArgumentException("leaseDuration must be a whole number of seconds (the Lease stores "
          + "leaseDurationSeconds as an integer), but was " + leaseDuration);
    }
    return leaseDuration.getSeconds();
  }

  /**
   * This elector's identity.
   *
   * @return the holder identity this elector writes into the Lease
   */
  public String identity() {
    return identity;
  }

  /**
   * Takes the Lease if it is free or expired, or renews it if held; returns whether this elector
   * holds it now. A lost race answers {@code false}.
   *
   * @return {@code true} if this elector is the Lease's holder after the call
   */
  public synchronized boolean tryAcquireOrRenew() {
    Instant now = clock.instant();
    Optional<ObjectNode> found = client.find(KubeResource.LEASES, namespace, name);
    if (found.isEmpty()) {
      return create(now);
    }
    ObjectNode lease = found.get();
    JsonNode spec = lease.path("spec");
    if (!spec.equals(observedSpec)) {
      observedSpec = spec.deepCopy();
      observedAt = now;
    }
    String holder = spec.path("holderIdentity").asText("");
    boolean mine = holder.equals(identity);
    if (!holder.isEmpty() && !mine) {
      Duration theirs = Duration.ofSeconds(spec.path("leaseDurationSeconds").asLong(leaseDurationSeconds));
      if (now.isBefore(observedAt.plus(theirs))) {
        renewedAt = null;
        return false;
      }
    }
    ObjectNode next = lease.deepCopy();
    ObjectNode nextSpec = next.putObject("spec");
    if (spec instanceof ObjectNode existing) {
      nextSpec.setAll(existing.deepCopy());
    }
    nextSpec.put("holderIdentity", identity);
    nextSpec.put("leaseDurationSeconds", leaseDurationSeconds);
    nextSpec.put("renewTime", MICRO_TIME.format(now));
    if (!mine) {
      nextSpec.put("acquireTime", MICRO_TIME.format(now));
      nextSpec.put("leaseTransitions", spec.path("leaseTransitions").asInt(0) + 1);
    }
    return write(next, now);
  }

  /**
   * Whether this elector holds the Lease and renewed it less than one lease duration ago (local clock).
   *
   * @return {@code true} while leadership is still valid by the local clock
   */
  public synchronized boolean isLeader() {
    return renewedAt != null && clock.instant().isBefore(renewedAt.plus(leaseDuration));
  }

  /** Gives the Lease up if this elector holds it, so another replica can take over at once. */
  public synchronized void release() {
    if (renewedAt == null) {
      return;
    }
    renewedAt = null;
    Optional<ObjectNode> found = client.find(KubeResource.LEASES, namespace, name);
    if (found.isEmpty() || !identity.equals(found.get().path("spec").path("holderIdentity").asText(""))) {
      return;
    }
    ObjectNode next = found.get().deepCopy();
    ObjectNode spec = next.withObjectProperty("spec");
    spec.remove("holderIdentity");
    spec.put("leaseDurationSeconds", 1);
    spec.put("renewTime", MICRO_TIME.format(clock.instant()));
    try {
      client.replace(KubeResource.LEASES, namespace, name, next);
    } catch (KubeConflictException | KubeNotFoundException e) {
      // Someone changed or removed the Lease meanwhile: it is not ours to release any more.
    }
  }

  private boolean create(Instant now) {
    ObjectNode lease = JsonNodeFactory.instance.objectNode();
    lease.put("apiVersion", KubeResource.LEASES.apiVersion()).put("kind", KubeResource.LEASES.kind());
    lease.putObject("metadata").put("name", name).put("namespace", namespace);
    lease.putObject("spec").put("holderIdentity", identity).put("leaseDurationSeconds", leaseDurationSeconds)
        .put("acquireTime", MICRO_TIME.format(now)).put("renewTime", MICRO_TIME.format(now)).put("leaseTransitions", 0);
    try {
      return recordWritten(client.create(KubeResource.LEASES, namespace, lease), now);
    } catch (KubeConflictException lost) {
      renewedAt = null;
      return false;
    }
  }

  private boolean write(ObjectNode next, Instant now) {
    try {
      return recordWritten(client.replace(KubeResource.LEASES, namespace, name, next), now);
    } catch (KubeConflictException | KubeNotFoundException lost) {
      renewedAt = null;
      return false;
    }
  }

  private boolean recordWritten(ObjectNode written, Instant now) {
    observedSpec = written.path("spec").deepCopy();
    observedAt = now;
    renewedAt = now;
    return true;
  }
}
