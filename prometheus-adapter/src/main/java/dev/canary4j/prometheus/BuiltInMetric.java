package dev.canary4j.prometheus;

import static dev.canary4j.prometheus.internal.IstioQueries.P99;
import static dev.canary4j.prometheus.internal.IstioQueries.REQUESTS;
import static dev.canary4j.prometheus.internal.IstioQueries.SUCCESSES;

import dev.canary4j.judge.Measurement;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Target;
import dev.canary4j.prometheus.internal.IstioQueries;
import dev.canary4j.prometheus.internal.PromDurations;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.MetricSeries;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RequestCounts;
import java.util.Arrays;

/** Measures the built-in Istio metrics for the canary and the primary with one query per window. */
final class BuiltInMetric implements MetricMeasurer {
  private final SeriesSteps steps;

  BuiltInMetric(SeriesSteps steps) {
    this.steps = steps;
  }

  @Override
  public MetricObservation measure(MetricQuery query, TickAnswers answers) {
    Target target = query.target();
    boolean successRate = MetricCheck.REQUEST_SUCCESS_RATE.equals(query.metric().name());
    String promql = promql(successRate, target, PromDurations.promQl(query.window()));
    QueryResult result = answers.instant(promql);
    WorkloadParts parts = WorkloadParts.of(result, query.metric().name(), promql);
    MetricObservation seen = query.rawSeries() ? withSeries(query, answers, parts, successRate)
        : MetricObservation.of(measurement(parts, target.canary(), successRate),
            measurement(parts, target.primary(), successRate));
    if (!query.requestCounts()) {
      return seen;
    }
    if (successRate) {
      String metric = query.metric().name();
      return seen.withCounts(errorCounts(parts, target.canary(), metric, promql),
          errorCounts(parts, target.primary(), metric, promql));
    }
    String buckets = IstioQueries.durationBuckets(target, PromDurations.promQl(query.window()));
    QueryResult histograms = answers.instant(buckets);
    String metric = query.metric().name();
    return seen.withCounts(RequestCounts.ofLatency(LatencyBuckets.of(histograms, target.canary(), metric, buckets)),
        RequestCounts.ofLatency(LatencyBuckets.of(histograms, target.primary(), metric, buckets)));
  }

  private MetricObservation withSeries(MetricQuery query, TickAnswers answers, WorkloadParts parts, boolean successRate) {
    Target target = query.target();
    SeriesSteps.Range range = steps.rangeFor(query.end(), query.window());
    String rangeQuery = promql(successRate, target, PromDurations.promQl(range.step()));
    QueryResult ranged = answers.range(rangeQuery, range);
    WorkloadParts rangeParts = WorkloadParts.of(ranged, query.metric().name(), rangeQuery);
    MetricSeries canarySeries = series(rangeParts, target.canary(), successRate);
    MetricSeries primarySeries = series(rangeParts, target.primary(), successRate);
    return new MetricObservation(measurement(parts, target.canary(), successRate),
        measurement(parts, target.primary(), successRate), canarySeries, primarySeries);
  }

  /** Requests and 5xx answers of {@code workload} over the window, rounded from {@code increase()}'s estimates. */
  private static RequestCounts errorCounts(WorkloadParts parts, String workload, String metric, String promql) {
    Series requestSeries = parts.part(workload, REQUESTS);
    Series ok = parts.part(workload, SUCCESSES);
    double requests = requestSeries == null ? 0 : requestSeries.valueAt(0);
    double successes = ok == null ? 0 : ok.valueAt(0);
    if (!Double.isFinite(requests) || !Double.isFinite(successes)) {
      throw new PermanentAdapterException("metric '" + metric + "': Prometheus counted " + requests + " requests and "
          + successes + " successes for '" + workload + "', not finite numbers; query: " + promql);
    }
    long total = requests > 0 ? Math.round(requests) : 0;
    long errors = Math.round(requests - successes);
    return RequestCounts.ofErrors(total, Math.max(0, Math.min(total, errors)));
  }

  private static String promql(boolean successRate, Target target, String window) {
    return successRate ? IstioQueries.successRate(target, window) : IstioQueries.requestDuration(target, window);
  }

  /**
   * The value for {@code workload}; no requests (or no series) is no data, whatever else was returned.
   * Its samples are the requests behind it: each request is one observation of the rate or of the
   * latency distribution, so {@code minSamples} and {@code minRequests} mean the same for a built-in.
   */
  private static Measurement measurement(WorkloadParts parts, String workload, boolean successRate) {
    Series requestSeries = parts.part(workload, REQUESTS);
    double requests = requestSeries == null ? 0 : requestSeries.valueAt(0);
    if (!(requests > 0)) {
      return Measurement.noData();
    }
    long count = Math.round(requests);
    if (successRate) {
      Series ok = parts.part(workload, SUCCESSES);
      double successes = ok == null ? 0 : ok.valueAt(0);
      return new Measurement(100.0 * successes / requests, count, count);
    }
    Series p99 = parts.part(workload, P99);
    return p99 == null ? new Measurement(null, count, 0) : new Measurement(p99.valueAt(0), count, count);
  }

  /** Per-step values of {@code workload}; steps without requests have no value and are left out. */
  private static MetricSeries series(WorkloadParts parts, String workload, boolean successRate) {
    Series requests = parts.part(workload, REQUESTS);
    if (requests == null) {
      return MetricSeries.empty();
    }
    Series figure = parts.part(workload, successRate ? SUCCESSES : P99);
    long[] timestamps = new long[requests.size()];
    double[] values = new double[requests.size()];
    int n = 0;
    int j = 0;
    for (int i = 0; i < requests.size(); i++) {
      double count = requests.valueAt(i);
      if (!(count > 0)) {
        continue;
      }
      long time = requests.timestampAt(i);
      // Both series come from one range query, so their timestamps are the same grid; a step missing
      // from the figure means "no successes" for the rate and "no percentile" for the duration.
      while (figure != null && j < figure.size() && figure.timestampAt(j) < time) {
        j++;
      }
      boolean present = figure != null && j < figure.size() && figure.timestampAt(j) == time;
      double value = present ? figure.valueAt(j) : successRate ? 0 : Double.NaN;
      timestamps[n] = time;
      values[n] = successRate ? 100.0 * value / count : value;
      n++;
    }
    return new MetricSeries(Arrays.copyOf(timestamps, n), Arrays.copyOf(values, n));
  }
}
