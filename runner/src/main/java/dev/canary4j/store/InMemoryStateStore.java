package dev.canary4j.store;

import dev.canary4j.CanaryState;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.StateStore;
import dev.canary4j.spi.StoredState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link StateStore} in memory, with a counter as version; for tests, simulations and single-process hosts. */
public final class InMemoryStateStore implements StateStore {

  private final Map<String, StoredState> states = new ConcurrentHashMap<>();

  @Override
  public Optional<StoredState> load(String canaryId) {
    return Optional.ofNullable(states.get(canaryId));
  }

  @Override
  public String save(String canaryId, CanaryState state, String expectedVersion) {
    Objects.requireNonNull(state, "state");
    StoredState written = states.compute(canaryId, (id, current) -> {
      String actual = current == null ? null : current.version();
      if (!Objects.equals(actual, expectedVersion)) {
        throw new StaleStateException(id, expectedVersion, actual);
      }
      return new StoredState(state, String.valueOf(actual == null ? 1 : Long.parseLong(actual) + 1));
    });
    return written.version();
  }
}
