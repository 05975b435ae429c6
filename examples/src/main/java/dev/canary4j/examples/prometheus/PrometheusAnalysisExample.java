package dev.canary4j.examples.prometheus;

import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusConfig;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.prometheus.testing.IstioTraffic;
import dev.canary4j.prometheus.testing.LocalPrometheus;
import dev.canary4j.prometheus.testing.OpenMetricsWriter;
import dev.canary4j.prometheus.testing.WorkloadTraffic;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.CanaryStatus;
import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.runner.SameThreadExecutor;
import dev.canary4j.simulation.InMemoryRouter;
import dev.canary4j.simulation.InMemoryWorkloads;
import dev.canary4j.simulation.SimulatedClock;
import dev.canary4j.store.InMemoryStateStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Canary analysis against a real, local Prometheus over generated Istio traffic: the runner rolls out
 * a healthy canary and a bad one step by step, measuring the built-in metrics from Prometheus at each
 * analysis, and promotes the first and rolls back the second. A simulated clock walks through the
 * hour of generated data; router and workloads are in memory.
 *
 * <p>Needs the {@code prometheus} and {@code promtool} binaries ({@code apt-get install -y prometheus}). Run:
 * <pre>
 * ./mvnw -q -B -pl examples -am test-compile exec:java -Dexec.skip=true \
 *     -Dexec.mainClass=dev.canary4j.examples.prometheus.PrometheusAnalysisExample
 * </pre>
 */
public final class PrometheusAnalysisExample {
  static final Instant START = Instant.parse("2025-06-01T10:00:00Z");
  /** The first analysis looks back over data that is already there. */
  static final Instant FIRST_ANALYSIS = START.plus(Duration.ofMinutes(10));
  static final Duration WINDOW = Duration.ofMinutes(5);

  /** How a canary's rollout ended, with the verdicts of its last analysis. */
  record Outcome(Phase phase, List<Verdict> lastVerdicts) {}

  private PrometheusAnalysisExample() {}

  /**
   * Steps of 20 % up to 60 %, an analysis a minute over the last five minutes: at least 99 % success
   * over 100 or more requests, p99 under 500 ms and at most 20 % above the primary's; two failed
   * analyses roll back.
   */
  static CanaryPolicy policy(String name) {
    return CanaryPolicy.builder().target("shop", name).strategy(CanaryStrategy.linear(20, 60))
        .interval(Duration.ofMinutes(1))
        .metric(MetricCheck.successRate(99).withMinRequests(100).withInterval(WINDOW))
        .metric(MetricCheck.latencyP99(500).withMaxIncrease(20.0).withMinRequests(100).withInterval(WINDOW))
        .limits(new Limits(Limit.rollbackAt(2), null, null, null))
        .build();
  }

  /** Rolls out a healthy and a bad canary against a local Prometheus over generated data and prints every analysis. */
  public static void main(String[] args) throws Exception {
    Path workDir = Files.createTempDirectory("canary4j-prometheus-example");
    try {
      run(workDir, System.out);
    } finally {
      deleteRecursively(workDir);
    }
  }

  /** Generates the traffic, starts Prometheus under {@code workDir}, rolls out both canaries and prints to {@code out}. */
  static Map<String, Outcome> run(Path workDir, PrintStream out) throws IOException, InterruptedException {
    // 200 requests per 15 s scrape. Healthy: all succeed, most under 25 ms. Bad: 3% 5xx and a slow tail.
    WorkloadTraffic fast = new WorkloadTraffic(200, 0, new long[] {40, 80, 50, 20, 8, 2, 0, 0, 0, 0, 0});
    WorkloadTraffic broken = new WorkloadTraffic(194, 6, new long[] {20, 40, 60, 40, 20, 10, 4, 3, 2, 1, 0});
    Path data = new IstioTraffic(START, START.plus(Duration.ofHours(1)), Duration.ofSeconds(15))
        .workload("shop", "checkout-primary", fast)
        .workload("shop", "checkout", fast)
        .workload("shop", "payments-primary", fast)
        .workload("shop", "payments", broken)
        .writeTo(new OpenMetricsWriter())
        .writeTo(workDir.resolve("istio.om.txt"));
    out.println("Generated Istio traffic for shop/checkout (healthy canary) and shop/payments (bad canary).");

    try (LocalPrometheus prometheus = LocalPrometheus.start(data, Files.createDirectories(workDir.resolve("prometheus")))) {
      out.println("Prometheus is serving it at " + prometheus.baseUrl());
      PrometheusMetricSource source = PrometheusMetricSource.create(PrometheusClient.create(PrometheusConfig.of(prometheus.baseUrl())));
      Map<String, Outcome> outcomes = new LinkedHashMap<>();
      for (String name : List.of("checkout", "payments")) {
        outcomes.put(name, rollOut(source, policy(name), out));
      }
      return outcomes;
    }
  }

  private static Outcome rollOut(PrometheusMetricSource source, CanaryPolicy policy, PrintStream out) {
    SimulatedClock clock = new SimulatedClock(FIRST_ANALYSIS.minus(policy.analysis().interval()));
    out.println();
    out.println("Rolling out canary " + policy.target().id() + " (primary " + policy.target().primary() + "):");
    try (CanaryRunner runner = CanaryRunner.builder().clock(clock).router(new InMemoryRouter()).metrics(source)
        .workloads(new InMemoryWorkloads()).store(new InMemoryStateStore()).callExecutor(new SameThreadExecutor())
        .listener(event -> {
          if (event instanceof RunnerEvent.Decided d && !d.verdicts().isEmpty()) {
            out.printf(Locale.ROOT, "  %s  %-11s primary %3d%% canary %3d%%  %s%n", d.at(), d.state().phase(),
                d.state().split().primary(), d.state().split().canary(), describe(d.verdicts()));
          }
        })
        .build()) {
      String id = runner.register(policy);
      runner.observeRevision(id, "v1");
      runner.observeRevision(id, "v2");
      for (int tick = 0; tick < 20 && !runner.status(id).phase().isTerminal(); tick++) {
        clock.advance(policy.analysis().interval());
        runner.tick(id);
      }
      CanaryStatus status = runner.status(id);
      out.println("  => " + (status.phase() == Phase.SUCCEEDED ? "promoted" : status.phase() == Phase.FAILED
          ? "rolled back" : status.phase().toString()));
      return new Outcome(status.phase(), status.lastVerdicts());
    }
  }

  private static String describe(List<Verdict> verdicts) {
    StringBuilder line = new StringBuilder();
    for (Verdict v : verdicts) {
      line.append(String.format(Locale.ROOT, "%s %s %.2f (primary %.2f)  ", v.metric(), v.label(),
          v.canary() == null ? Double.NaN : v.canary(), v.primary() == null ? Double.NaN : v.primary()));
    }
    return line.toString().strip();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
