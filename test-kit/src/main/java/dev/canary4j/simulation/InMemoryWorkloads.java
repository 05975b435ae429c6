package dev.canary4j.simulation;

import dev.canary4j.policy.Target;
import dev.canary4j.spi.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Workloads} in memory: remembers which revision each primary runs and whether the canary is
 * scaled up, and records every call. Thread-safe.
 */
public final class InMemoryWorkloads implements Workloads {

  /** Creates workloads with nothing deployed yet. */
  public InMemoryWorkloads() {}

  /** One call made to the workloads. */
  public record Call(String operation, String target, String revision) {}

  private final Map<String, String> primaryRevisions = new ConcurrentHashMap<>();
  private final Map<String, Boolean> canaryRunning = new ConcurrentHashMap<>();
  private final List<Call> calls = new ArrayList<>();

  @Override
  public void prepare(Target target, String revision) {
    canaryRunning.put(target.id(), true);
    record("prepare", target, revision);
  }

  @Override
  public void promote(Target target, String revision) {
    primaryRevisions.put(target.id(), revision);
    record("promote", target, revision);
  }

  @Override
  public void finalise(Target target, String revision) {
    canaryRunning.put(target.id(), false);
    record("finalise", target, revision);
  }

  @Override
  public void rollBack(Target target, String revision) {
    canaryRunning.put(target.id(), false);
    record("rollBack", target, revision);
  }

  /** The revision the primary of {@code target} was last promoted to. */
  public Optional<String> primaryRevision(Target target) {
    return Optional.ofNullable(primaryRevisions.get(target.id()));
  }

  /** Whether the canary of {@code target} was prepared and not scaled down since. */
  public boolean canaryRunning(Target target) {
    return canaryRunning.getOrDefault(target.id(), false);
  }

  /** Every call, oldest first. */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  private void record(String operation, Target target, String revision) {
    synchronized (calls) {
      calls.add(new Call(operation, target.id(), revision));
    }
  }
}
