package dev.canary4j.test;

import dev.canary4j.judge.Measurement;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.MetricSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link MetricSource} answering each metric from a value or supplier set by the test, and
 * recording every query. Thread-safe; a metric with no answer set fails its query with an
 * {@link IllegalStateException} naming it.
 */
public final class ScriptedMetrics implements MetricSource {

  private final Map<String, Supplier<MetricObservation>> answers = new ConcurrentHashMap<>();
  private final List<MetricQuery> queries = new ArrayList<>();

  /** Creates a source with no answers set. */
  public ScriptedMetrics() {}

  /**
   * A source answering the built-in metrics with healthy values: 99.9 % success and 120 ms p99,
   * for both versions.
   *
   * @return a new source
   */
  public static ScriptedMetrics healthy() {
    ScriptedMetrics m = new ScriptedMetrics();
    m.set("request-success-rate", 99.9);
    m.set("request-duration", 120);
    return m;
  }

  /**
   * Answers {@code metric} from now on with {@code value} for both versions, over 1000 requests.
   *
   * @param metric the metric's name
   * @param value the value of the canary and the primary
   */
  public void set(String metric, double value) {
    answers.put(metric, () -> MetricObservation.of(Measurement.of(value, 1000), Measurement.of(value, 1000)));
  }

  /**
   * Answers {@code metric} from now on with whatever {@code answer} gives, or throws, at each query.
   *
   * @param metric the metric's name
   * @param answer called once per query
   */
  public void answer(String metric, Supplier<MetricObservation> answer) {
    answers.put(metric, answer);
  }

  @Override
  public MetricObservation measure(MetricQuery query) {
    synchronized (queries) {
      queries.add(query);
    }
    Supplier<MetricObservation> answer = answers.get(query.metric().name());
    if (answer == null) {
      throw new IllegalStateException("no scripted answer for " + query.metric().name());
    }
    return answer.get();
  }

  /**
   * Every query received so far, in order.
   *
   * @return a copy of the queries
   */
  public List<MetricQuery> queries() {
    synchronized (queries) {
      return List.copyOf(queries);
    }
  }

  /**
   * How many queries named {@code metric}.
   *
   * @param metric the metric's name
   * @return the number of queries of that metric so far
   */
  public long queriesOf(String metric) {
    return queries().stream().filter(q -> q.metric().name().equals(metric)).count();
  }

  /**
   * The metric names of {@code queries}, in order.
   *
   * @param queries queries, as from {@link #queries()}
   * @return one name per query
   */
  public static List<String> names(List<MetricQuery> queries) {
    List<String> names = new ArrayList<>();
    queries.forEach(q -> names.add(q.metric().name()));
    return names;
  }
}
