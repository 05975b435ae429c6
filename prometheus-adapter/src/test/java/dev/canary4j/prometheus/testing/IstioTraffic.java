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

  /** A workload serving {@code before} until {@code changeAt} (epoch milliseconds), then {@code after}. */
  private record Workload(String namespace, String name, WorkloadTraffic before, long changeAt, WorkloadTraffic after) {

    /** The traffic of the scrape interval that ends at {@code time}. */
    WorkloadTraffic at(long time) {
      return time <= changeAt ? before : after;
    }
  }

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
    workloads.add(new Workload(namespace, name, traffic, Long.MAX_VALUE, traffic));
    return this;
  }

  /**
   * Adds the workload {@code name} in {@code namespace} serving {@code before} until {@code changeAt}
   * and {@code after} from then on (the scrape intervals that end after {@code changeAt}).
   */
  public IstioTraffic workload(String namespace, String name, WorkloadTraffic before, Instant changeAt, WorkloadTraffic after) {
    workloads.add(new Workload(namespace, name, before, changeAt.toEpochMilli(), after));
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
      writer.counter("istio_requests", labels(w, "200"), times, totals(times, w, WorkloadTraffic::successesPerScrape));
      writer.counter("istio_requests", labels(w, "503"), times, totals(times, w, WorkloadTraffic::errorsPerScrape));
      // The source side's view, all failures, which a query must leave out by selecting reporter="destination".
      Map<String, String> source = labels(w, "500");
      source.put("reporter", "source");
      writer.counter("istio_requests", source, times, totals(times, w, t -> t.requestsPerScrape() + 1));
    }
    for (Workload w : workloads) {
      int buckets = BUCKETS.length + 1;
      long[][] cumulative = new long[times.length][buckets];
      double[] sums = new double[times.length];
      long[] perBucket = new long[buckets];
      double sum = 0;
      for (int i = 0; i < times.length; i++) {
        if (i > 0) {
          long[] perScrape = w.at(times[i]).latencyPerScrape();
          for (int b = 0; b < buckets; b++) {
            perBucket[b] += perScrape[b];
            // Observations sit at their bucket's upper bound (the last finite one for +Inf).
            sum += perScrape[b] * BUCKETS[Math.min(b, BUCKETS.length - 1)];
          }
        }
        long running = 0;
        for (int b = 0; b < buckets; b++) {
          running += perBucket[b];
          cumulative[i][b] = running;
        }
        sums[i] = sum;
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

  /** A counter's value at each scrape: the sum of {@code perScrape} over the intervals up to it. */
  private static double[] totals(long[] times, Workload w, java.util.function.ToLongFunction<WorkloadTraffic> perScrape) {
    double[] totals = new double[times.length];
    for (int i = 1; i < times.length; i++) {
      totals[i] = totals[i - 1] + perScrape.applyAsLong(w.at(times[i]));
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
