package dev.canary4j.benchmarks.kubernetes;

import dev.canary4j.kubernetes.RevisionWatch;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.policy.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;

/**
 * How long a change of a ConfigMap that the canary Deployment references takes to reach a
 * {@link RevisionWatch}'s callback (where the controller polls at once), over HTTP against the
 * in-memory API server on 127.0.0.1. Prints the median, 99th percentile and maximum of 500 changes.
 * The target is under a second; without the watch it is up to a poll interval (5 s). Run:
 * <pre>
 * ./mvnw -q -B -DskipTests package &amp;&amp; java -cp benchmarks/target/canary4j-benchmarks.jar \
 *   dev.canary4j.benchmarks.kubernetes.WatchLatencyBenchmark
 * </pre>
 */
public final class WatchLatencyBenchmark {
  static final int WARMUP = 100;
  static final int MEASURED = 500;
  static final String CONFIG = "/api/v1/namespaces/shop/configmaps/podinfo-config";

  private WatchLatencyBenchmark() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws IOException, InterruptedException {
    FakeApiServer api = new FakeApiServer();
    api.put("/apis/apps/v1/namespaces/shop/deployments/podinfo", """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"podinfo","namespace":"shop"},
         "spec":{"template":{"spec":{"containers":[{"name":"app","image":"podinfo:1",
           "envFrom":[{"configMapRef":{"name":"podinfo-config"}}]}]}}}}""");
    config(api, 0);
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(api);
      server.start();
      KubeClient client = KubeClient.create(KubeConfig.builder(server.url("/").toString()).build());
      BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
      RevisionWatch watch = new RevisionWatch(client, Target.of("shop", "podinfo"), Duration.ofHours(1),
          () -> seen.add(System.nanoTime()), e -> { }).start();
      try {
        if (!api.awaitWatches(3, Duration.ofSeconds(10))) {
          throw new IllegalStateException("the watches did not open within 10 s");
        }
        seen.poll(5, TimeUnit.SECONDS); // the Deployment's initial ADDED
        seen.clear();
        long[] latencies = new long[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
          long changed = System.nanoTime();
          config(api, i + 1);
          Long at = seen.poll(5, TimeUnit.SECONDS);
          if (at == null) {
            throw new IllegalStateException("change " + i + " did not arrive within 5 s");
          }
          if (i >= WARMUP) {
            latencies[i - WARMUP] = at - changed;
          }
        }
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "ConfigMap change -> RevisionWatch callback, %d changes: median %.2f ms, "
            + "p99 %.2f ms, max %.2f ms (target: under 1000 ms)%n", MEASURED, latencies[MEASURED / 2] / 1e6,
            latencies[MEASURED * 99 / 100] / 1e6, latencies[MEASURED - 1] / 1e6);
      } finally {
        watch.close();
      }
    }
  }

  private static void config(FakeApiServer api, int n) {
    api.put(CONFIG, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"podinfo-config\","
        + "\"namespace\":\"shop\"},\"data\":{\"LEVEL\":\"" + n + "\"}}");
  }
}
