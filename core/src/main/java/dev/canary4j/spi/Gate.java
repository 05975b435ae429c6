package dev.canary4j.spi;

import dev.canary4j.GateResult;

/**
 * An external check or approval. Implementations are thread-safe; a failure to reach the gate is
 * thrown as an {@link AdapterException} and treated by the runner as a closed gate.
 */
public interface Gate {

  /** Asks the gate whether the rollout may pass. */
  GateResult check(GateRequest request);
}
