package dev.canary4j.prometheus.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates the series Istio's sidecars report for workloads, as a destination reporter scraped every
 * {@code scrapeInterval}: {@code istio_requests_total} by response code and
 * {@code istio_request_duration_milliseconds} as a histogram.
 */
public final class IstioTraffic {
  /** Finite bucket bounds of the generated latency histogram, in milliseconds. */
  public static final double[] BUCKETS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

  private final Instant start;
  private final Instant end;
  private final Duration scrapeInterval;
  private final List<Workload> workloads = new ArrayList<>();

  private record Workload(String namespace, String name, WorkloadTraffic traffic) {}

  /** Traffic scraped every {@code scrapeInterval} from {@code start} to {@code end}, both included. */
  public IstioTraffic(Instant start, Instant end, Duration scrapeInterval) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end must be after start (" + start + "), but was " + end);
    }
    this.start = start;
    this.end = end;
    this.scrapeInterval = scrapeInterval;
  }

  /** Adds the workload {@code name} in {@code namespace} serving {@code traffic}. */
  public IstioTraffic workload(String namespace, String name, WorkloadTraffic traffic) {
    workloads.add(new Workload(namespace, name, traffic));
    return this;
  }

  /** The scrape interval. */
  public Duration scrapeInterval() {
    return scrapeInterval;
  }

  /** Writes every workload's series to {@code writer}. */
  public OpenMetricsWriter writeTo(OpenMetricsWriter writer) {
    long[] times = scrapeTimes();
    for (Workload w : workloads) {
      writer.counter("istio_requests", labels(w, "200"), times, totals(times.length, w.traffic.successesPerScrape()));
      writer.counter("istio_requests", labels(w, "503"), times, totals(times.length, w.traffic.errorsPerScrape()));
      // The source side's view, all failures, which a query must leave out by selecting reporter="destination".
      Map<String, String> source = labels(w, "500");
      source.put("reporter", "source");
      writer.counter("istio_requests", source, times, totals(times.length, w.traffic.requestsPerScrape() + 1));
    }
    for (Workload w : workloads) {
      long[] perScrape = w.traffic.latencyPerScrape();
      long[][] cumulative = new long[times.length][perScrape.length];
      double[] sums = new double[times.length];
      double sumPerScrape = 0;
      for (int b = 0; b < perScrape.length; b++) {
        // Observations sit at their bucket's upper bound (the last finite one for +Inf).
        sumPerScrape += perScrape[b] * BUCKETS[Math.min(b, BUCKETS.length - 1)];
      }
      for (int i = 0; i < times.length; i++) {
        long running = 0;
        for (int b = 0; b < perScrape.length; b++) {
          running += perScrape[b] * (long) i;
          cumulative[i][b] = running;
        }
        sums[i] = sumPerScrape * i;
      }
      writer.histogram("istio_request_duration_milliseconds", labels(w, null), BUCKETS, times, cumulative, sums);
    }
    return writer;
  }

  private long[] scrapeTimes() {
    long step = scrapeInterval.toMillis();
    int n = (int) ((end.toEpochMilli() - start.toEpochMilli()) / step) + 1;
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = start.toEpochMilli() + i * step;
    }
    return times;
  }

  private static double[] totals(int n, long perScrape) {
    double[] totals = new double[n];
    for (int i = 0; i < n; i++) {
      totals[i] = (double) perScrape * i;
    }
    return totals;
  }

  private static Map<String, String> labels(Workload w, String responseCode) {
    Map<String, String> labels = new java.util.TreeMap<>(Map.of(
        "reporter", "destination",
        "destination_workload", w.name,
        "destination_workload_namespace", w.namespace,
        "destination_service", w.name + "." + w.namespace + ".svc.cluster.local",
        "source_workload", "ingressgateway"));
    if (responseCode != null) {
      labels.put("response_code", responseCode);
    }
    return labels;
  }
}
