package dev.canary4j.simulation;

import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.TrafficRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TrafficRouter} in memory: all traffic on the primary until told otherwise. Thread-safe. */
public final class InMemoryRouter implements TrafficRouter {

  private final Map<String, TrafficSplit> splits = new ConcurrentHashMap<>();
  private final List<TrafficSplit> applied = new ArrayList<>();

  @Override
  public TrafficSplit observe(Target target) {
    return splits.getOrDefault(target.id(), TrafficSplit.allPrimary());
  }

  @Override
  public void apply(Target target, TrafficSplit split) {
    splits.put(target.id(), split);
    synchronized (applied) {
      applied.add(split);
    }
  }

  /** Every split applied, oldest first, across targets. */
  public List<TrafficSplit> applied() {
    synchronized (applied) {
      return List.copyOf(applied);
    }
  }
}
