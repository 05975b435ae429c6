package dev.canary4j.spi;

/** Thrown when a compare-and-set write finds another version than the one expected. */
public class StaleStateException extends PermanentAdapterException {
  private static final long serialVersionUID = 1L;

  private final String canaryId;
  private final String expectedVersion;
  private final String actualVersion;

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

  public String canaryId() {
    return canaryId;
  }

  public String expectedVersion() {
    return expectedVersion;
  }

  public String actualVersion() {
    return actualVersion;
  }
}
