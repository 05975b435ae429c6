package dev.canary4j.spi;

/** A failure that a retry will not cure: bad queries, missing objects, rejected credentials. */
public non-sealed class PermanentAdapterException extends AdapterException {
  private static final long serialVersionUID = 1L;

  /**
   * A permanent failure described by {@code message}.
   *
   * @param message what failed and where, for people
   */
  public PermanentAdapterException(String message) {
    super(message, null);
  }

  /**
   * A permanent failure described by {@code message}, caused by {@code cause}.
   *
   * @param message what failed and where, for people
   * @param cause the underlying exception, or {@code null}
   */
  public PermanentAdapterException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isTransient() {
    return false;
  }
}
