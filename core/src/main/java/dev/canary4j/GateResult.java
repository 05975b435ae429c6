package dev.canary4j;

/**
 * A gate's answer.
 *
 * @param open whether the rollout may pass (for a rollback gate: whether to roll back)
 * @param message why, as the gate said it
 */
public record GateResult(boolean open, String message) {

  public GateResult {
    message = message == null ? "" : message;
  }

  public static GateResult open(String message) {
    return new GateResult(true, message);
  }

  public static GateResult closed(String message) {
    return new GateResult(false, message);
  }
}
