package dev.canary4j.runner;

import dev.canary4j.judge.Measurement;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.MetricSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** A metric source answering each metric from a settable supplier and recording every query. */
final class ScriptedMetrics implements MetricSource {

  private final Map<String, Supplier<MetricObservation>> answers = new ConcurrentHashMap<>();
  private final List<MetricQuery> queries = new ArrayList<>();

  /** Healthy values: 99.9 % success, 120 ms p99, for both versions. */
  static ScriptedMetrics healthy() {
    ScriptedMetrics m = new ScriptedMetrics();
    m.set("request-success-rate", 99.9);
    m.set("request-duration", 120);
    return m;
  }

  void set(String metric, double canaryValue) {
    answers.put(metric, () -> MetricObservation.of(Measurement.of(canaryValue, 1000), Measurement.of(canaryValue, 1000)));
  }

  void answer(String metric, Supplier<MetricObservation> answer) {
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

  List<MetricQuery> queries() {
    synchronized (queries) {
      return List.copyOf(queries);
    }
  }

  long queriesOf(String metric) {
    return queries().stream().filter(q -> q.metric().name().equals(metric)).count();
  }

  static List<String> names(List<MetricQuery> queries) {
    List<String> names = new ArrayList<>();
    queries.forEach(q -> names.add(q.metric().name()));
    return names;
  }
}
