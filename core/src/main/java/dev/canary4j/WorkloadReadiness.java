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

  public WorkloadReadiness {
    Objects.requireNonNull(canary, "canary");
    Objects.requireNonNull(primary, "primary");
  }

  /** Both workloads ready: what a host that cannot tell readiness reports. */
  public static WorkloadReadiness allReady() {
    return ALL_READY;
  }
}
