package dev.canary4j.policy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A gate: an external check or approval consulted at a fixed point of the rollout.
 *
 * <p>A gate with a {@code url} is a webhook; without one it is a manual gate answered through the
 * runner's control API.
 *
 * @param name unique name of the gate within the policy
 * @param type when it is consulted and what its answer does
 * @param url webhook address, or {@code null} for a manual gate
 * @param timeout how long a waiting gate may stay closed before {@code onTimeout} applies
 * @param onTimeout what happens when the timeout passes
 * @param retries extra attempts for a webhook call that fails transiently
 * @param metadata extra fields sent to the webhook
 */
public record GateSpec(String name, GateType type, URI url, Duration timeout, TimeoutAction onTimeout,
    Integer retries, Map<String, String> metadata) {

  /** Default time a waiting gate may stay closed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
  /** Default extra attempts for a failing webhook call. */
  public static final int DEFAULT_RETRIES = 2;

  /** What a waiting gate does when its timeout passes. */
  public enum TimeoutAction {
    /** Roll back the canary. */
    ROLLBACK,
    /** Carry on as if the gate had opened. */
    PROCEED
  }

  /**
   * Fills in the default timeout, timeout action and retries for {@code null} ones and copies the metadata.
   *
   * @param name unique name of the gate within the policy
   * @param type when it is consulted and what its answer does
   * @param url webhook address, or {@code null} for a manual gate
   * @param timeout how long a waiting gate may stay closed, or {@code null} for {@link #DEFAULT_TIMEOUT}
   * @param onTimeout what happens when the timeout passes, or {@code null} to roll back
   * @param retries extra webhook attempts, or {@code null} for {@link #DEFAULT_RETRIES}
   * @param metadata extra fields sent to the webhook, or {@code null}
   */
  public GateSpec {
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    onTimeout = onTimeout == null ? TimeoutAction.ROLLBACK : onTimeout;
    retries = retries == null ? DEFAULT_RETRIES : retries;
    metadata = Violations.copy(metadata);
  }

  /**
   * A manual gate of {@code type} with the default timeout.
   *
   * @param name unique name of the gate within the policy
   * @param type when it is consulted and what its answer does
   * @return a manual gate that rolls back on timeout
   */
  public static GateSpec manual(String name, GateType type) {
    return new GateSpec(name, type, null, null, null, null, null);
  }

  /**
   * A webhook gate of {@code type} with the default timeout.
   *
   * @param name unique name of the gate within the policy
   * @param type when it is consulted and what its answer does
   * @param url the address the runner POSTs to
   * @return a webhook gate that rolls back on timeout
   */
  public static GateSpec webhook(String name, GateType type, URI url) {
    return new GateSpec(name, type, url, null, null, null, null);
  }

  /**
   * Whether this gate is answered through the control API rather than a webhook.
   *
   * @return {@code true} when the gate has no {@code url}
   */
  public boolean isManual() {
    return url == null;
  }

  void check(Violations v, String path) {
    if (name == null || name.isBlank()) {
      v.missing(path + ".name");
    }
    if (type == null) {
      v.missing(path + ".type");
    }
    if (url != null && !"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      v.add(path + ".url", "must use the scheme 'http' or 'https'", url);
    }
    v.requireDuration(timeout, path + ".timeout");
    v.require(retries >= 0 && retries <= 10, path + ".retries", "must be between 0 and 10", retries);
  }
}
