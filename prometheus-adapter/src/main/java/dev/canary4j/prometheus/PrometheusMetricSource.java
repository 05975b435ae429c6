package dev.canary4j.prometheus;

import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RangeMetricSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link dev.canary4j.spi.MetricSource} over Prometheus: the built-in Istio metrics and custom query templates.
 *
 * <p>Built-ins ({@code request-success-rate} in percent, {@code request-duration} as p99 in
 * milliseconds) read {@code istio_requests_total} and {@code istio_request_duration_milliseconds_bucket}
 * reported by the destination, and return the request count behind each value; no traffic is
 * no data, never a number.
 *
 * <p>Templates are evaluated once per version. Their variables: {@code namespace}; {@code target},
 * the workload of the version being measured (the canary's, then the primary's); {@code canary} and
 * {@code primary}, both workloads; {@code interval}, the window as a PromQL duration; and the metric's
 * own variables. Values are escaped for where they stand in the query, so they cannot change its
 * structure. A template without {@code target} measures the canary only (the primary has no data);
 * each evaluation must give at most one series or a scalar, and its request count is unknown (-1).
 *
 * <p>Raw series come from range queries whose points each cover one step ({@code interval} is then
 * the step). Request counts, when a query asks for them (for the sequential judge), are given for the
 * built-ins: requests and 5xx answers over the window from the success rate's own query, and for the
 * duration each version's latency histogram, the {@code increase} of every
 * {@code istio_request_duration_milliseconds_bucket} over the window (one more instant query). Warnings
 * go to the {@link WarningListener}.
 *
 * <p>{@link #measureRange} measures a metric at many evenly spaced times (a backtest's ticks) with one
 * range query per PromQL expression instead of one instant query per time: Prometheus evaluates a
 * range query at {@code start}, {@code start + step}, ..., each point as an instant query at that time
 * would be, so every observation equals what {@link #measure} returns then, no data, NaN and the
 * infinities included. A built-in thus costs one range query (two for the duration's request counts,
 * one more for raw series), a template one per version (and one more per version for raw series).
 * Ranges of more than 11,000 points are fetched in chunks. Raw series whose step does not divide the
 * distance between the times fall back to one range query per time. Thread-safe.
 */
public final class PrometheusMetricSource implements RangeMetricSource {
  /** Default distance between the points of raw series. */
  public static final Duration DEFAULT_SERIES_STEP = Duration.ofMinutes(1);

  private final PrometheusClient client;
  private final WarningListener warnings;
  private final BuiltInMetric builtIns;
  private final TemplateMetric templates;

  private PrometheusMetricSource(Builder b) {
    SeriesSteps steps = new SeriesSteps(b.seriesStep);
    this.client = b.client;
    this.warnings = b.warnings;
    this.builtIns = new BuiltInMetric(steps);
    this.templates = new TemplateMetric(steps);
  }

  /**
   * A source with default settings over {@code client}.
   *
   * @param client the client the queries go through; not {@code null}
   * @return a new source
   */
  public static PrometheusMetricSource create(PrometheusClient client) {
    return builder(client).build();
  }

  /**
   * A builder of a source over {@code client}.
   *
   * @param client the client the queries go through; not {@code null}
   * @return a new builder with the defaults
   */
  public static Builder builder(PrometheusClient client) {
    return new Builder(client);
  }

  @Override
  public MetricObservation measure(MetricQuery query) {
    Objects.requireNonNull(query, "query");
    return measurerOf(query).measure(query, TickAnswers.live(client, warnings, query));
  }

  /**
   * Measures {@code first.metric()} at {@code count} times {@code step} apart from {@code first.end()}
   * with one range query per PromQL expression (see the class comment); element {@code i} equals what
   * {@link #measure} returns for the window ending at {@code first.end() + i * step}.
   *
   * @throws IllegalArgumentException when {@code step} is not a positive whole number of milliseconds
   *     or {@code count} is below 1
   */
  @Override
  public List<MetricObservation> measureRange(MetricQuery first, Duration step, int count) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(step, "step");
    if (step.toMillis() < 1 || !step.equals(Duration.ofMillis(step.toMillis()))) {
      throw new IllegalArgumentException("step must be a positive whole number of milliseconds, but was " + step);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, but was " + count);
    }
    MetricMeasurer measurer = measurerOf(first);
    RangeAnswers answers = new RangeAnswers(client, warnings, first, step, count);
    List<MetricObservation> seen = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      MetricQuery query = first.endingAt(answers.end(i));
      seen.add(measurer.measure(query, answers.at(i, query)));
    }
    return seen;
  }

  private MetricMeasurer measurerOf(MetricQuery query) {
    if (query.metric().isBuiltIn()) {
      return builtIns;
    }
    if (query.metric().query() == null) {
      throw new PermanentAdapterException("metric '" + query.metric().name() + "' has no query and is not a built-in ("
          + "request-success-rate, request-duration)");
    }
    return templates;
  }

  /** Builds a {@link PrometheusMetricSource}. */
  public static final class Builder {
    private final PrometheusClient client;
    private Duration seriesStep = DEFAULT_SERIES_STEP;
    private WarningListener warnings = WarningListener.ignoring();

    private Builder(PrometheusClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Distance between the points of raw series (widened when a window would need more than 11,000 points).
     *
     * @param step the step of the range queries for raw series; at least 1 ms
     * @return this builder
     */
    public Builder seriesStep(Duration step) {
      Objects.requireNonNull(step, "seriesStep");
      if (step.toMillis() < 1) {
        throw new IllegalArgumentException("seriesStep must be at least 1ms, but was " + step);
      }
      this.seriesStep = step;
      return this;
    }

    /**
     * Where the warnings attached to Prometheus' answers go.
     *
     * @param listener called with each answer that carries warnings; not {@code null}
     * @return this builder
     */
    public Builder warningListener(WarningListener listener) {
      this.warnings = Objects.requireNonNull(listener, "warningListener");
      return this;
    }

    /**
     * The source.
     *
     * @return a source with the settings given so far
     */
    public PrometheusMetricSource build() {
      return new PrometheusMetricSource(this);
    }
  }
}
