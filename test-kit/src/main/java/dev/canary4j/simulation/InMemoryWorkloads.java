package dev.canary4j.simulation;

import dev.canary4j.Readiness;
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
 *
 * <p>Readiness: a canary that is scaled down is not ready, and a primary promoted to another
 * revision than the one asked about is not ready for it; otherwise each workload reports what was
 * last set with {@link #setCanaryReadiness} or {@link #setPrimaryReadiness} (ready by default).
 */
public final class InMemoryWorkloads implements Workloads {

  /** Creates workloads with nothing deployed yet. */
  public InMemoryWorkloads() {}

  /** One call made to the workloads. */
  public record Call(String operation, String target, String revision) {}

  private final Map<String, String> primaryRevisions = new ConcurrentHashMap<>();
  private final Map<String, Boolean> canaryRunning = new ConcurrentHashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Readiness> canaryReadiness = new ConcurrentHashMap<>();
  private final Map<String, Readiness> primaryReadiness = new ConcurrentHashMap<>();

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

  @Override
  public Readiness canaryReadiness(Target target, String revision) {
    if (!canaryRunning(target)) {
      return Readiness.notReady("the canary " + target.canary() + " is scaled down");
    }
    return canaryReadiness.getOrDefault(target.id(), Readiness.ready());
  }

  @Override
  public Readiness primaryReadiness(Target target, String revision) {
    String running = primaryRevisions.get(target.id());
    if (running != null && !running.equals(revision)) {
      return Readiness.notReady("the primary " + target.primary() + " runs revision " + running + ", not " + revision);
    }
    return primaryReadiness.getOrDefault(target.id(), Readiness.ready());
  }

  /**
   * Makes the canary of {@code target} report {@code readiness} whenever it runs.
   *
   * @param target the rollout's target
   * @param readiness what the canary reports from now on
   */
  public void setCanaryReadiness(Target target, Readiness readiness) {
    canaryReadiness.put(target.id(), readiness);
  }

  /**
   * Makes the primary of {@code target} report {@code readiness} whenever it runs the revision asked about.
   *
   * @param target the rollout's target
   * @param readiness what the primary reports from now on
   */
  public void setPrimaryReadiness(Target target, Readiness readiness) {
    primaryReadiness.put(target.id(), readiness);
  }

  /**
   * The revision the primary of {@code target} was last promoted to.
   *
   * @param target the rollout's target
   * @return the promoted revision, or empty before the first promotion
   */
  public Optional<String> primaryRevision(Target target) {
    return Optional.ofNullable(primaryRevisions.get(target.id()));
  }

  /**
   * Whether the canary of {@code target} was prepared and not scaled down since.
   *
   * @param target the rollout's target
   * @return {@code true} while the canary runs
   */
  public boolean canaryRunning(Target target) {
    return canaryRunning.getOrDefault(target.id(), false);
  }

  /**
   * Every call, oldest first.
   *
   * @return a copy of the calls made so far
   */
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
