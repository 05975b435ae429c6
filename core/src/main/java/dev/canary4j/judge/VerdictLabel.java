package dev.canary4j.judge;

/** The outcome of judging one metric in one tick. */
public enum VerdictLabel {
  /** Within every threshold. */
  PASS,
  /** Above a maximum, or increased beyond what is allowed. */
  FAIL_HIGH,
  /** Below a minimum, or decreased beyond what is allowed. */
  FAIL_LOW,
  /** Nothing to judge: no series, no traffic, or fewer requests or samples than required. */
  NO_DATA,
  /** The metric provider failed; nothing is known about the canary. */
  ERROR;

  /**
   * Whether this is {@link #FAIL_HIGH} or {@link #FAIL_LOW}.
   *
   * @return {@code true} for a failure
   */
  public boolean isFailure() {
    return this == FAIL_HIGH || this == FAIL_LOW;
  }
}
