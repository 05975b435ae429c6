package dev.canary4j.spi;

/** Thrown when a compare-and-set write finds another version than the one expected. */
public class StaleStateException extends PermanentAdapterException {
  private static final long serialVersionUID = 1L;

  private final String canaryId;
  private final String expectedVersion;
  private final String actualVersion;

  /**
   * A lost compare-and-set on the state of {@code canaryId}: the caller expected {@code expectedVersion}, the store holds {@code actualVersion}.
   */
  public StaleStateException(String canaryId, String expectedVersion, String actualVersion) {
    this(canaryId, expectedVersion, actualVersion, null);
  }

  /** As above, keeping the store's own report of the lost race (for example an HTTP 409) as the cause. */
  public StaleStateException(String canaryId, String expectedVersion, String actualVersion, Throwable cause) {
    super("State of canary '" + canaryId + "' was changed by someone else: expected version "
        + (expectedVersion == null ? "<none>" : expectedVersion) + " but found "
        + (actualVersion == null ? "<none>" : actualVersion) + "; reload it and decide again", cause);
    this.canaryId = canaryId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** The canary whose state was not stored. */
  public String canaryId() {
    return canaryId;
  }

  /** The version the caller expected, or {@code null} for none. */
  public String expectedVersion() {
    return expectedVersion;
  }

  /** The version the store holds, or {@code null} for none. */
  public String actualVersion() {
    return actualVersion;
  }
}
