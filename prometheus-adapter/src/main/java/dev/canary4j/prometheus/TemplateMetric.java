package dev.canary4j.prometheus;

import dev.canary4j.judge.Measurement;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.MetricSeries;
import dev.canary4j.spi.PermanentAdapterException;
import java.time.Duration;
import java.util.List;

/**
 * Measures a custom query template, once per version.
 *
 * <p>Variables are those of {@link PromQlTemplate#variables} ({@code interval} is, for raw series,
 * the step each point covers). A template that does not use {@code target} measures the canary
 * only and the primary has no data. Each evaluation must return at most one series or a scalar; the
 * request count behind a custom value is unknown.
 */
final class TemplateMetric implements MetricMeasurer {
  private final SeriesSteps steps;

  TemplateMetric(SeriesSteps steps) {
    this.steps = steps;
  }

  @Override
  public MetricObservation measure(MetricQuery query, TickAnswers answers) {
    MetricCheck metric = query.metric();
    Target target = query.target();
    Duration window = query.window();
    String canaryQuery = render(metric, target, target.canary(), window);
    String primaryQuery = render(metric, target, target.primary(), window);
    boolean perVersion = !canaryQuery.equals(primaryQuery);
    Measurement canary = single(query, answers, canaryQuery, "canary");
    Measurement primary = perVersion ? single(query, answers, primaryQuery, "primary") : Measurement.noData();
    if (!query.rawSeries()) {
      return MetricObservation.of(canary, primary);
    }
    SeriesSteps.Range range = steps.rangeFor(query.end(), query.window());
    Duration stepWindow = range.step();
    MetricSeries canarySeries = series(query, answers, render(metric, target, target.canary(), stepWindow), range, "canary");
    MetricSeries primarySeries = perVersion
        ? series(query, answers, render(metric, target, target.primary(), stepWindow), range, "primary") : MetricSeries.empty();
    return new MetricObservation(withSamples(canary, canarySeries), withSamples(primary, primarySeries), canarySeries, primarySeries);
  }

  private static Measurement withSamples(Measurement m, MetricSeries series) {
    return m.hasValue() ? new Measurement(m.value(), m.requests(), series.size()) : m;
  }

  private static String render(MetricCheck metric, Target target, String version, Duration window) {
    try {
      return PromQlTemplate.of(metric.query()).render(PromQlTemplate.variables(metric, target, version, window));
    } catch (IllegalArgumentException e) {
      throw new PermanentAdapterException("metric '" + metric.name() + "': " + e.getMessage() + "; template: " + PrometheusClient.shown(metric.query()), e);
    }
  }

  private static Measurement single(MetricQuery query, TickAnswers answers, String promql, String version) {
    QueryResult result = answers.instant(promql);
    if (result.type() == ResultType.SCALAR) {
      return new Measurement(result.series().get(0).valueAt(0), -1, 1);
    }
    requireVector(query, promql, result, ResultType.VECTOR);
    Series only = atMostOne(query, promql, result, version);
    return only == null ? Measurement.noData() : new Measurement(only.valueAt(0), -1, 1);
  }

  private static MetricSeries series(MetricQuery query, TickAnswers answers, String promql, SeriesSteps.Range range,
      String version) {
    QueryResult result = answers.range(promql, range);
    requireVector(query, promql, result, ResultType.MATRIX);
    Series only = atMostOne(query, promql, result, version);
    return only == null ? MetricSeries.empty() : new MetricSeries(only.timestamps(), only.values());
  }

  private static void requireVector(MetricQuery query, String promql, QueryResult result, ResultType expected) {
    if (result.type() != expected) {
      throw new PermanentAdapterException("metric '" + query.metric().name() + "': expected a " + expected
          + " (or a scalar) but Prometheus returned a " + result.type() + "; query: " + PrometheusClient.shown(promql));
    }
  }

  private static Series atMostOne(MetricQuery query, String promql, QueryResult result, String version) {
    List<Series> series = result.series();
    if (series.size() > 1) {
      throw new PermanentAdapterException("metric '" + query.metric().name() + "': expected at most one series for the "
          + version + " but the query returned " + series.size() + ": "
          + Series.listed(series)
          + "; aggregate it (for example with sum) so that it returns one; query: " + promql);
    }
    return series.isEmpty() ? null : series.get(0);
  }
}
