package dev.canary4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.CanaryMachine;
import dev.canary4j.CanaryState;
import dev.canary4j.Input;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.StoredState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileStateStoreTest {

  private static final String ID = "shop/podinfo";

  @TempDir
  Path dir;

  private static CanaryState progressing() {
    CanaryPolicy policy = CanaryPolicy.builder().target("shop", "podinfo").strategy(CanaryStrategy.linear(10, 50))
        .metric(MetricCheck.successRate(99)).build();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    CanaryState s = CanaryMachine.decide(policy, CanaryState.initial(), new Input.RevisionObserved("v1"), t).state();
    return CanaryMachine.decide(policy, s, new Input.RevisionObserved("v2"), t.plusSeconds(60)).state();
  }

  @Test
  void aSavedStateLoadsBackUnchangedWithItsVersion() {
    JsonFileStateStore store = new JsonFileStateStore(dir);
    CanaryState state = progressing();

    String version = store.save(ID, state, null);

    assertThat(store.load(ID)).contains(new StoredState(state, version));
    assertThat(new JsonFileStateStore(dir).load(ID)).contains(new StoredState(state, version));
  }

  @Test
  void nothingStoredLoadsAsEmpty() {
    assertThat(new JsonFileStateStore(dir).load(ID)).isEmpty();
  }

  @Test
  void aWriteWithAStaleVersionIsRefusedAndLeavesTheFileAlone() throws Exception {
    JsonFileStateStore store = new JsonFileStateStore(dir);
    String v1 = store.save(ID, CanaryState.initial(), null);
    String v2 = store.save(ID, progressing(), v1);
    String before = Files.readString(store.fileOf(ID));

    assertThatThrownBy(() -> store.save(ID, CanaryState.initial(), v1))
        .isInstanceOf(StaleStateException.class)
        .hasMessageContaining("expected version " + v1 + " but found " + v2);
    assertThatThrownBy(() -> store.save(ID, CanaryState.initial(), null))
        .isInstanceOf(StaleStateException.class).hasMessageContaining("expected version <none>");
    assertThat(Files.readString(store.fileOf(ID))).isEqualTo(before);
  }

  @Test
  void aCorruptFileIsReportedWithItsPathAndNeverReplaced() throws Exception {
    JsonFileStateStore store = new JsonFileStateStore(dir);
    String version = store.save(ID, progressing(), null);
    Path file = store.fileOf(ID);
    String corrupt = Files.readString(file).replace("\"phase\"", "\"phase\" 12");
    Files.writeString(file, corrupt);

    assertThatThrownBy(() -> store.load(ID))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("line 2")
        .hasMessageContaining("left untouched");
    assertThatThrownBy(() -> store.save(ID, CanaryState.initial(), version))
        .isInstanceOf(CorruptStateException.class);
    assertThat(Files.readString(file)).isEqualTo(corrupt);
  }

  @Test
  void aFileWithoutTheHeaderIsReportedAsCorrupt() throws Exception {
    JsonFileStateStore store = new JsonFileStateStore(dir);
    Files.writeString(store.fileOf(ID), "{}", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> store.load(ID)).isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("expected the header 'canary4j-state generation=<n>' on line 1 but found '{}'");
  }

  @Test
  void noTemporaryFilesAreLeftBehind() throws Exception {
    JsonFileStateStore store = new JsonFileStateStore(dir);
    String v = store.save(ID, CanaryState.initial(), null);
    store.save(ID, progressing(), v);

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "shop%2Fpodinfo.json", "shop%2Fpodinfo.json.lock");
    }
  }

  @Test
  void concurrentCompareAndSetLetsExactlyOneWriterWinPerVersion() throws Exception {
    int writers = 8;
    int rounds = 25;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      JsonFileStateStore[] stores = new JsonFileStateStore[writers];
      for (int i = 0; i < writers; i++) {
        stores[i] = new JsonFileStateStore(dir); // Separate instances, as separate processes would have.
      }
      String version = stores[0].save(ID, CanaryState.initial(), null);
      CanaryState next = progressing();
      for (int round = 0; round < rounds; round++) {
        String expected = version;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (JsonFileStateStore store : stores) {
          Callable<String> write = () -> {
            go.await();
            try {
              return store.save(ID, next, expected);
            } catch (StaleStateException e) {
              return null;
            }
          };
          results.add(pool.submit(write));
        }
        go.countDown();
        List<String> winners = new ArrayList<>();
        for (Future<String> r : results) {
          if (r.get() != null) {
            winners.add(r.get());
          }
        }
        assertThat(winners).as("round %d", round).hasSize(1);
        version = winners.get(0);
      }
      assertThat(stores[0].load(ID).orElseThrow().version()).isEqualTo(String.valueOf(rounds + 1));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFileThatIsNotUtf8IsCorruptNotATransientFailure() throws Exception {
    JsonFileStateStore store = new JsonFileStateStore(dir);
    store.save(ID, progressing(), null);
    byte[] bytes = Files.readAllBytes(store.fileOf(ID));
    bytes[bytes.length / 2] = (byte) 0xC3; // a UTF-8 lead byte followed by an ASCII byte
    Files.write(store.fileOf(ID), bytes);

    assertThatThrownBy(() -> store.load(ID)).isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("not UTF-8").hasMessageContaining(store.fileOf(ID).toString());
  }

  @Test
  void aGenerationTooLargeToCountOnIsRefusedAtLoad() throws Exception {
    JsonFileStateStore store = new JsonFileStateStore(dir);
    store.save(ID, progressing(), null);
    String text = Files.readString(store.fileOf(ID));
    Files.writeString(store.fileOf(ID), text.replaceFirst("generation=1", "generation=99999999999999999999"));

    assertThatThrownBy(() -> store.load(ID)).isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("18 digits");
  }

  @Test
  void temporaryFilesLeftByAProcessKilledMidSaveAreRemovedByTheNextSave() throws Exception {
    JsonFileStateStore store = new JsonFileStateStore(dir);
    String v = store.save(ID, CanaryState.initial(), null);
    Files.writeString(dir.resolve("shop%2Fpodinfo.json4711931.tmp"), "half a sta");
    Files.writeString(dir.resolve("shop%2Fpodinfo.json2.json42.tmp"), "another canary's save under way");

    store.save(ID, progressing(), v);

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "shop%2Fpodinfo.json", "shop%2Fpodinfo.json.lock", "shop%2Fpodinfo.json2.json42.tmp");
    }
  }

  @Test
  void twoStoresReachingOneDirectoryThroughASymbolicLinkShareItsLocks() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    JsonFileStateStore direct = new JsonFileStateStore(real);
    JsonFileStateStore linked = new JsonFileStateStore(link);
    String v = direct.save(ID, CanaryState.initial(), null);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 50; round++) {
        String expected = v;
        CountDownLatch go = new CountDownLatch(1);
        Future<String> a = pool.submit(() -> saveOrNull(direct, expected, go));
        Future<String> b = pool.submit(() -> saveOrNull(linked, expected, go));
        go.countDown();
        List<String> winners = new ArrayList<>();
        for (Future<String> f : List.of(a, b)) {
          if (f.get() != null) {
            winners.add(f.get());
          }
        }
        assertThat(winners).as("round %d", round).hasSize(1);
        v = winners.get(0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private String saveOrNull(JsonFileStateStore store, String expected, CountDownLatch go) throws InterruptedException {
    go.await();
    try {
      return store.save(ID, progressing(), expected);
    } catch (StaleStateException e) {
      return null;
    }
  }

  @Test
  void twoProcessesRacingForOneFileNeverBothWinAVersion() throws Exception {
    int rounds = 100;
    JsonFileStateStore store = new JsonFileStateStore(dir);
    store.save(ID, CanaryState.initial(), null);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        StoreContender.class.getName(), dir.toString(), ID, String.valueOf(rounds))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int mine = StoreContender.contend(store, ID, rounds);
    String theirs = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(other.waitFor()).as("the second JVM's exit code").isZero();

    long generation = Long.parseLong(store.load(ID).orElseThrow().version());
    assertThat(generation).as("every won save is one generation: none lost, none doubled")
        .isEqualTo(1 + mine + Integer.parseInt(theirs));
    assertThat(Integer.parseInt(theirs)).as("the second JVM won some saves").isPositive();
  }
}
