package dev.canary4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.CanaryState;
import dev.canary4j.spi.StaleStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest {

  private final InMemoryStateStore store = new InMemoryStateStore();

  @Test
  void eachSaveReturnsANewVersionThatTheNextSaveMustName() {
    String v1 = store.save("a/b", CanaryState.initial(), null);
    String v2 = store.save("a/b", CanaryState.initial(), v1);

    assertThat(v2).isNotEqualTo(v1);
    assertThat(store.load("a/b").orElseThrow().version()).isEqualTo(v2);
    assertThatThrownBy(() -> store.save("a/b", CanaryState.initial(), v1)).isInstanceOf(StaleStateException.class)
        .hasMessageContaining("expected version " + v1 + " but found " + v2);
  }

  @Test
  void concurrentWritersOfOneVersionHaveExactlyOneWinner() throws Exception {
    String v = store.save("a/b", CanaryState.initial(), null);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          go.await();
          try {
            store.save("a/b", CanaryState.initial(), v);
            return true;
          } catch (StaleStateException e) {
            return false;
          }
        }));
      }
      go.countDown();
      int winners = 0;
      for (Future<Boolean> r : results) {
        winners += r.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
