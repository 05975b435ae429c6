package dev.canary4j.examples.prometheus;

import dev.canary4j.judge.ThresholdJudge;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Target;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusConfig;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.prometheus.testing.IstioTraffic;
import dev.canary4j.prometheus.testing.LocalPrometheus;
import dev.canary4j.prometheus.testing.OpenMetricsWriter;
import dev.canary4j.prometheus.testing.WorkloadTraffic;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Canary analysis against a real, local Prometheus over generated Istio traffic: a healthy canary
 * and a bad one are measured with the built-in metrics and judged with {@link ThresholdJudge}.
 *
 * <p>Needs the {@code prometheus} and {@code promtool} binaries ({@code apt-get install -y prometheus}). Run:
 * <pre>
 * ./mvnw -q -B -pl examples -am test-compile exec:java -Dexec.skip=true \
 *     -Dexec.mainClass=dev.canary4j.examples.prometheus.PrometheusAnalysisExample
 * </pre>
 */
public final class PrometheusAnalysisExample {
  static final Instant START = Instant.parse("2025-06-01T10:00:00Z");
  static final Instant ANALYSIS_TIME = START.plus(Duration.ofMinutes(30));
  static final Duration WINDOW = Duration.ofMinutes(5);

  /** The checks of the analysis: at least 99% success over 100+ requests; p99 under 500 ms and at most 20% above the primary's. */
  static final List<MetricCheck> CHECKS = List.of(
      MetricCheck.successRate(99).withMinRequests(100),
      MetricCheck.latencyP99(500).withMaxIncrease(20.0).withMinRequests(100));

  private PrometheusAnalysisExample() {}

  /** Judges a canary against a local Prometheus over generated data and prints the verdicts. */
  public static void main(String[] args) throws Exception {
    Path workDir = Files.createTempDirectory("canary4j-prometheus-example");
    try {
      run(workDir, System.out);
    } finally {
      deleteRecursively(workDir);
    }
  }

  /** Generates the traffic, starts Prometheus under {@code workDir}, judges both canaries and prints to {@code out}. */
  static Map<String, List<Verdict>> run(Path workDir, PrintStream out) throws IOException, InterruptedException {
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
      Map<String, List<Verdict>> verdicts = new LinkedHashMap<>();
      for (String name : List.of("checkout", "payments")) {
        verdicts.put(name, analyse(source, Target.of("shop", name), out));
      }
      return verdicts;
    }
  }

  private static List<Verdict> analyse(PrometheusMetricSource source, Target target, PrintStream out) {
    out.println();
    out.println("Canary " + target.id() + " (primary " + target.primary() + ") at " + ANALYSIS_TIME + " over " + WINDOW + ":");
    List<Verdict> verdicts = new ArrayList<>();
    for (MetricCheck check : CHECKS) {
      MetricObservation o = source.measure(new MetricQuery(target, check, ANALYSIS_TIME, WINDOW, false));
      Verdict verdict = ThresholdJudge.judge(check, o.canary(), o.primary());
      verdicts.add(verdict);
      out.printf(Locale.ROOT, "  %-22s %-9s canary %8.2f (%d requests)  primary %8.2f  threshold %s%n    %s%n",
          check.name(), verdict.label(), o.canary().value(), o.canary().requests(), o.primary().value(),
          verdict.threshold(), verdict.reason());
    }
    boolean failed = verdicts.stream().anyMatch(v -> v.label().isFailure());
    out.println("  => " + (failed ? "roll back" : "promote"));
    return verdicts;
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
