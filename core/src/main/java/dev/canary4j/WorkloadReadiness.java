package dev.canary4j;

import java.util.Objects;

/**
 * The readiness of both workloads of a canary as observed before a tick.
 *
 * @param canary whether the canary runs the revision under analysis and can take traffic
 * @param primary whether the primary runs the revision it should (after a promotion: the promoted
 *     one) and can take traffic
 */
public record WorkloadReadiness(Readiness canary, Readiness primary) {

  private static final WorkloadReadiness ALL_READY = new WorkloadReadiness(Readiness.ready(), Readiness.ready());

  /**
   * Checks that both are given.
   *
   * @param canary the canary's readiness; not {@code null}
   * @param primary the primary's readiness; not {@code null}
   */
  public WorkloadReadiness {
    Objects.requireNonNull(canary, "canary");
    Objects.requireNonNull(primary, "primary");
  }

  /**
   * Both workloads ready: what a host that cannot tell readiness reports.
   *
   * @return both workloads ready
   */
  public static WorkloadReadiness allReady() {
    return ALL_READY;
  }
}
