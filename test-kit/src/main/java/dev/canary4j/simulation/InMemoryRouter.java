package dev.canary4j.simulation;

import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.RouteChangedException;
import dev.canary4j.spi.RoutedSplit;
import dev.canary4j.spi.TrafficRouter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrafficRouter} in memory: all traffic on the primary until told otherwise. Thread-safe.
 * Each target's split has a version that every write raises, and a fenced write based on an older
 * version is refused, as a resourceVersion precondition is on Kubernetes.
 */
public final class InMemoryRouter implements TrafficRouter {

  private final Map<String, TrafficSplit> splits = new HashMap<>();
  private final Map<String, Long> versions = new HashMap<>();
  private final List<TrafficSplit> applied = new ArrayList<>();

  /** Creates a router with no route written yet. */
  public InMemoryRouter() {}

  @Override
  public synchronized TrafficSplit observe(Target target) {
    return splits.getOrDefault(target.id(), TrafficSplit.allPrimary());
  }

  @Override
  public synchronized RoutedSplit observeRouted(Target target) {
    return new RoutedSplit(observe(target), String.valueOf(versions.getOrDefault(target.id(), 0L)));
  }

  @Override
  public synchronized void apply(Target target, TrafficSplit split) {
    write(target, split);
  }

  @Override
  public synchronized String apply(Target target, TrafficSplit split, String expectedVersion) {
    String actual = String.valueOf(versions.getOrDefault(target.id(), 0L));
    if (expectedVersion != null && !expectedVersion.equals(actual)) {
      throw new RouteChangedException("the route of " + target.id(), expectedVersion, actual);
    }
    return write(target, split);
  }

  private String write(Target target, TrafficSplit split) {
    splits.put(target.id(), split);
    applied.add(split);
    long next = versions.getOrDefault(target.id(), 0L) + 1;
    versions.put(target.id(), next);
    return String.valueOf(next);
  }

  /**
   * Every split applied, oldest first, across targets.
   *
   * @return a copy of the applied splits
   */
  public synchronized List<TrafficSplit> applied() {
    return List.copyOf(applied);
  }
}
