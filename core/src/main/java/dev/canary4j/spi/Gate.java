package dev.canary4j.spi;

import dev.canary4j.GateResult;

/**
 * An external check or approval. Implementations are thread-safe; a failure to reach the gate is
 * thrown as an {@link AdapterException} and treated by the runner as a closed gate.
 */
public interface Gate {

  /**
   * Asks the gate whether the rollout may pass.
   *
   * @param request the canary, gate, phase, revision, step and split the question is about
   * @return the gate's answer; a failure to ask is thrown as an adapter exception
   */
  GateResult check(GateRequest request);
}
