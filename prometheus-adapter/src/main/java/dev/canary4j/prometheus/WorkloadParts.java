package dev.canary4j.prometheus;

import dev.canary4j.prometheus.internal.IstioQueries;
import dev.canary4j.spi.PermanentAdapterException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The answer of a built-in query sorted by workload and part; two series for one slot are an error. */
final class WorkloadParts {
  private final Map<String, Series> byKey;

  private WorkloadParts(Map<String, Series> byKey) {
    this.byKey = byKey;
  }

  static WorkloadParts of(QueryResult result, String metric, String promql) {
    if (result.type() != ResultType.VECTOR && result.type() != ResultType.MATRIX) {
      throw new PermanentAdapterException("metric '" + metric + "': expected a vector or matrix but Prometheus returned a "
          + result.type() + "; query: " + PrometheusClient.shown(promql));
    }
    Map<String, Series> byKey = new HashMap<>();
    Map<String, List<Series>> clashes = new HashMap<>();
    for (Series series : result.series()) {
      String key = key(series.label(IstioQueries.WORKLOAD_LABEL), series.label(IstioQueries.PART_LABEL));
      Series previous = byKey.putIfAbsent(key, series);
      if (previous != null) {
        clashes.computeIfAbsent(key, k -> new java.util.ArrayList<>(List.of(previous))).add(series);
      }
    }
    if (!clashes.isEmpty()) {
      String listed = Series.listed(clashes.values().stream().flatMap(List::stream).toList());
      throw new PermanentAdapterException("metric '" + metric + "': expected one series per workload and part but "
          + "Prometheus returned several for the same one: " + listed + "; query: " + PrometheusClient.shown(promql));
    }
    return new WorkloadParts(byKey);
  }

  /** The series of {@code part} for {@code workload}, or {@code null}. */
  Series part(String workload, String part) {
    return byKey.get(key(workload, part));
  }

  private static String key(String workload, String part) {
    return workload + '\u0000' + part;
  }
}
