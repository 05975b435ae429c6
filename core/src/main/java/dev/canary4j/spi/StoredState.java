package dev.canary4j.spi;

import dev.canary4j.CanaryState;
import java.util.Objects;

/**
 * A canary's state as stored, with the store's version of it for compare-and-set.
 *
 * @param state the state
 * @param version opaque version token (a counter, a file generation, a Kubernetes resourceVersion)
 */
public record StoredState(CanaryState state, String version) {

  /**
   * Checks that both are given.
   *
   * @param state the state; not {@code null}
   * @param version the store's version; not {@code null}
   */
  public StoredState {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(version, "version");
  }
}
