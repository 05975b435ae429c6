package dev.canary4j.store;

import dev.canary4j.CanaryState;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.StoredState;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process that races for one canary's state file: {@code rounds} times it loads the state and
 * saves it back with compare-and-set, counting the saves that won. Prints the count. Run by
 * {@link JsonFileStateStoreTest} in a second JVM, so that the OS file lock is what keeps the two apart.
 */
public final class StoreContender {

  private StoreContender() {}

  /** Arguments: directory, canary id, rounds. */
  public static void main(String[] args) {
    System.out.println(contend(new JsonFileStateStore(Path.of(args[0])), args[1], Integer.parseInt(args[2])));
  }

  static int contend(JsonFileStateStore store, String id, int rounds) {
    int won = 0;
    for (int i = 0; i < rounds; i++) {
      Optional<StoredState> stored = store.load(id);
      try {
        store.save(id, CanaryState.initial(), stored.map(StoredState::version).orElse(null));
        won++;
      } catch (StaleStateException lost) {
        // The other process wrote in between: that is the race this counts.
      }
    }
    return won;
  }
}
