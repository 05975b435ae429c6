package dev.canary4j.prometheus;

import dev.canary4j.spi.MetricQuery;

/**
 * Where the answers to one measurement's queries come from: Prometheus asked at the measurement's
 * time, or slices of range queries fetched once for many evenly spaced times ({@link RangeAnswers}).
 * Either way the measuring code reads them alike, so a replay over a range and one query per tick
 * compute the same observation.
 */
interface TickAnswers {

  /** {@code promql} evaluated at the end of the measurement's window. */
  QueryResult instant(String promql);

  /** {@code promql} evaluated at every point of {@code range}. */
  QueryResult range(String promql, SeriesSteps.Range range);

  /** Answers asked of Prometheus for {@code query}, each reported to {@code warnings} when it carries some. */
  static TickAnswers live(PrometheusClient client, WarningListener warnings, MetricQuery query) {
    String metric = query.metric().name();
    return new TickAnswers() {
      @Override
      public QueryResult instant(String promql) {
        return reported(warnings, query, promql, client.query(promql, query.end(), metric));
      }

      @Override
      public QueryResult range(String promql, SeriesSteps.Range range) {
        return reported(warnings, query, promql, client.queryRange(promql, range.start(), range.end(), range.step(), metric));
      }
    };
  }

  /** {@code result}, after passing its warnings to {@code warnings}. */
  static QueryResult reported(WarningListener warnings, MetricQuery query, String promql, QueryResult result) {
    if (result.hasWarnings()) {
      warnings.onWarnings(query, promql, result.warnings());
    }
    return result;
  }
}
