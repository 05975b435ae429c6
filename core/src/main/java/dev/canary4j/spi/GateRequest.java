package dev.canary4j.spi;

import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.Target;
import java.util.Objects;

/**
 * What a gate is told when it is consulted.
 *
 * @param target the canary's target
 * @param gate the gate's spec
 * @param phase the canary's phase
 * @param revision the revision under analysis, or {@code null}
 * @param step the current step index, -1 before the first
 * @param split the current traffic split
 */
public record GateRequest(Target target, GateSpec gate, Phase phase, String revision, int step, TrafficSplit split) {

  /**
   * Checks that target, gate, phase and split are given.
   *
   * @param target the canary's target; not {@code null}
   * @param gate the gate's spec; not {@code null}
   * @param phase the canary's phase; not {@code null}
   * @param revision the revision under analysis, or {@code null}
   * @param step the current step index, -1 before the first
   * @param split the current traffic split; not {@code null}
   */
  public GateRequest {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(split, "split");
  }
}
