package dev.canary4j.spi;

import dev.canary4j.CanaryState;
import java.util.Optional;

/**
 * Persists canary states with compare-and-set, so two controllers cannot drive one canary at once.
 * Implementations are thread-safe; a lost race throws {@link StaleStateException}, never overwrites.
 */
public interface StateStore {

  /**
   * The stored state of canary {@code canaryId} ({@code namespace/name}), if any.
   *
   * @param canaryId the canary's id, {@code namespace/name}
   * @return the state with its version, or empty when none is stored
   */
  Optional<StoredState> load(String canaryId);

  /**
   * The stored version of canary {@code canaryId}'s state, if any; the runner checks it before each
   * side effect, so that nothing is done for a state another controller has replaced.
   *
   * @param canaryId the canary's id, {@code namespace/name}
   * @return the version, or empty when none is stored
   */
  default Optional<String> version(String canaryId) {
    return load(canaryId).map(StoredState::version);
  }

  /**
   * Writes {@code state} if the stored version is {@code expectedVersion} ({@code null}: nothing is
   * stored yet) and returns the new version.
   *
   * @param canaryId the canary's id, {@code namespace/name}
   * @param state the state to store
   * @param expectedVersion the version the caller read, or {@code null} when it read none
   * @return the new version; a lost race throws {@link StaleStateException} instead
   */
  String save(String canaryId, CanaryState state, String expectedVersion);
}
