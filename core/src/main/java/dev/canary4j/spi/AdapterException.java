package dev.canary4j.spi;

/** A failure in an adapter's remote call, classified by whether retrying can help. */
public abstract sealed class AdapterException extends RuntimeException
    permits TransientAdapterException, PermanentAdapterException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure described by {@code message}; subclasses say whether it is transient.
   *
   * @param message what failed and where, for people
   * @param cause the underlying exception, or {@code null}
   */
  protected AdapterException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the same call may succeed if tried again.
   *
   * @return {@code true} for a transient failure, which the runner retries
   */
  public abstract boolean isTransient();
}
