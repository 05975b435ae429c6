package dev.canary4j.benchmarks.runner;

import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.Measurement;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricSource;
import dev.canary4j.spi.RouteChangedException;
import dev.canary4j.spi.RoutedSplit;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.spi.Workloads;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory adapters that keep only what a controller's remotes would: the current route of each
 * canary (with a version) and nothing else, so that the heap measured is the runner's. The metric
 * source answers every query with healthy values. Thread-safe.
 */
final class LoadAdapters {

  private static final MetricObservation SUCCESS = MetricObservation.of(Measurement.of(99.9, 1000), Measurement.of(99.9, 1000));
  private static final MetricObservation LATENCY = MetricObservation.of(Measurement.of(120, 1000), Measurement.of(120, 1000));

  private final Map<String, RoutedSplit> routes = new ConcurrentHashMap<>();

  TrafficRouter router() {
    return new TrafficRouter() {
      @Override
      public TrafficSplit observe(Target target) {
        return observeRouted(target).split();
      }

      @Override
      public RoutedSplit observeRouted(Target target) {
        return routes.getOrDefault(target.id(), new RoutedSplit(TrafficSplit.allPrimary(), "0"));
      }

      @Override
      public void apply(Target target, TrafficSplit split) {
        apply(target, split, null);
      }

      @Override
      public String apply(Target target, TrafficSplit split, String expectedVersion) {
        return routes.compute(target.id(), (id, current) -> {
          String actual = current == null ? "0" : current.version();
          if (expectedVersion != null && !expectedVersion.equals(actual)) {
            throw new RouteChangedException("the route of " + id, expectedVersion, actual);
          }
          return new RoutedSplit(split, String.valueOf(Long.parseLong(actual) + 1));
        }).version();
      }
    };
  }

  MetricSource metrics() {
    return query -> query.metric().name().equals("request-duration") ? LATENCY : SUCCESS;
  }

  Workloads workloads() {
    return new Workloads() {
      @Override
      public void promote(Target target, String revision) {}

      @Override
      public void finalise(Target target, String revision) {}

      @Override
      public void rollBack(Target target, String revision) {}
    };
  }
}
