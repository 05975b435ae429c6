package dev.canary4j.spi;

/** Thrown when a compare-and-set write finds another version than the one expected. */
public class StaleStateException extends PermanentAdapterException {
  private static final long serialVersionUID = 1L;

  /** The canary whose state was not stored. */
  private final String canaryId;
  /** The version the caller expected, or {@code null}. */
  private final String expectedVersion;
  /** The version the store holds, or {@code null}. */
  private final String actualVersion;

  /**
   * A lost compare-and-set on the state of {@code canaryId}: the caller expected {@code expectedVersion}, the store holds {@code actualVersion}.
   *
   * @param canaryId the canary's id, {@code namespace/name}
   * @param expectedVersion the version the caller read, or {@code null}
   * @param actualVersion the version the store holds, or {@code null}
   */
  public StaleStateException(String canaryId, String expectedVersion, String actualVersion) {
    this(canaryId, expectedVersion, actualVersion, null);
  }

  /**
   * As above, keeping the store's own report of the lost race (for example an HTTP 409) as the cause.
   *
   * @param canaryId the canary's id, {@code namespace/name}
   * @param expectedVersion the version the caller read, or {@code null}
   * @param actualVersion the version the store holds, or {@code null}
   * @param cause the store's report of the lost race
   */
  public StaleStateException(String canaryId, String expectedVersion, String actualVersion, Throwable cause) {
    super("State of canary '" + canaryId + "' was changed by someone else: expected version "
        + (expectedVersion == null ? "<none>" : expectedVersion) + " but found "
        + (actualVersion == null ? "<none>" : actualVersion) + "; reload it and decide again", cause);
    this.canaryId = canaryId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /**
   * The canary whose state was not stored.
   *
   * @return the canary's id
   */
  public String canaryId() {
    return canaryId;
  }

  /**
   * The version the caller expected, or {@code null} for none.
   *
   * @return the expected version, or {@code null}
   */
  public String expectedVersion() {
    return expectedVersion;
  }

  /**
   * The version the store holds, or {@code null} for none.
   *
   * @return the stored version, or {@code null}
   */
  public String actualVersion() {
    return actualVersion;
  }
}
