package dev.canary4j;

/**
 * A gate's answer.
 *
 * @param open whether the rollout may pass (for a rollback gate: whether to roll back)
 * @param message why, as the gate said it
 */
public record GateResult(boolean open, String message) {

  /** A {@code null} message becomes empty. */
  public GateResult {
    message = message == null ? "" : message;
  }

  /** An open answer with {@code message}. */
  public static GateResult open(String message) {
    return new GateResult(true, message);
  }

  /** A closed answer with {@code message}. */
  public static GateResult closed(String message) {
    return new GateResult(false, message);
  }
}
