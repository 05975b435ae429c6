package dev.canary4j;

/**
 * A gate's answer.
 *
 * @param open whether the rollout may pass (for a rollback gate: whether to roll back)
 * @param message why, as the gate said it
 */
public record GateResult(boolean open, String message) {

  /**
   * A {@code null} message becomes empty.
   *
   * @param open whether the rollout may pass (for a rollback gate: whether to roll back)
   * @param message why, as the gate said it, or {@code null}
   */
  public GateResult {
    message = message == null ? "" : message;
  }

  /**
   * An open answer with {@code message}.
   *
   * @param message why the gate opened, or {@code null}
   * @return an open answer
   */
  public static GateResult open(String message) {
    return new GateResult(true, message);
  }

  /**
   * A closed answer with {@code message}.
   *
   * @param message why the gate is closed, or {@code null}
   * @return a closed answer
   */
  public static GateResult closed(String message) {
    return new GateResult(false, message);
  }
}
