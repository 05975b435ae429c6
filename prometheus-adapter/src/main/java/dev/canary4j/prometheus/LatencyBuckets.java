package dev.canary4j.prometheus;

import dev.canary4j.judge.sequential.LatencyHistogram;
import dev.canary4j.prometheus.internal.IstioQueries;
import dev.canary4j.spi.PermanentAdapterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the answer of {@link IstioQueries#durationBuckets} into one {@link LatencyHistogram} per
 * workload: one series per {@code le} bound, whose value is the increase of that cumulative bucket.
 */
final class LatencyBuckets {

  private LatencyBuckets() {}

  /**
   * The histogram of {@code workload}; an empty one (no requests) when it has no series. Counts are
   * rounded, and each is raised to the one below it where needed: {@code increase()} extrapolates
   * every bucket on its own, which can leave a bucket a fraction below a narrower one.
   */
  static LatencyHistogram of(QueryResult result, String workload, String metric, String promql) {
    if (result.type() != ResultType.VECTOR) {
      throw new PermanentAdapterException("metric '" + metric + "': expected a vector of latency buckets but Prometheus "
          + "returned a " + result.type() + "; query: " + PrometheusClient.shown(promql));
    }
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (Series s : result.series()) {
      if (!workload.equals(s.label(IstioQueries.WORKLOAD_LABEL)) || s.size() == 0) {
        continue;
      }
      Double bound = bound(s.label("le"));
      if (bound == null) {
        throw new PermanentAdapterException("metric '" + metric + "': expected a numeric le label on every bucket "
            + "series but found " + s.labelsText() + "; query: " + PrometheusClient.shown(promql));
      }
      if (!Double.isFinite(s.valueAt(0))) {
        throw new PermanentAdapterException("metric '" + metric + "': the bucket " + s.labelsText() + " counts "
            + s.valueAt(0) + ", not a finite number of requests; query: " + promql);
      }
      if (buckets.put(bound, s.valueAt(0)) != null) {
        throw new PermanentAdapterException("metric '" + metric + "': expected one series per workload and le but "
            + "Prometheus returned several for " + s.labelsText() + "; query: " + PrometheusClient.shown(promql));
      }
    }
    if (buckets.isEmpty()) {
      return new LatencyHistogram(new double[] {Double.POSITIVE_INFINITY}, new long[] {0});
    }
    if (!buckets.containsKey(Double.POSITIVE_INFINITY)) {
      throw new PermanentAdapterException("metric '" + metric + "': expected a le=\"+Inf\" bucket for workload '"
          + workload + "' but found only " + buckets.keySet() + "; query: " + PrometheusClient.shown(promql));
    }
    List<Double> bounds = new ArrayList<>(buckets.keySet());
    double[] upper = new double[bounds.size()];
    long[] counts = new long[bounds.size()];
    long below = 0;
    int i = 0;
    for (Map.Entry<Double, Double> e : buckets.entrySet()) {
      double value = e.getValue();
      long count = value > 0 ? Math.round(value) : 0;
      below = Math.max(below, count);
      upper[i] = e.getKey();
      counts[i] = below;
      i++;
    }
    return new LatencyHistogram(upper, counts);
  }

  private static Double bound(String le) {
    if (le == null) {
      return null;
    }
    try {
      return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
