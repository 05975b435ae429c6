package dev.canary4j.spi;

/** A failure in an adapter's remote call, classified by whether retrying can help. */
public abstract sealed class AdapterException extends RuntimeException
    permits TransientAdapterException, PermanentAdapterException {
  private static final long serialVersionUID = 1L;

  protected AdapterException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the same call may succeed if tried again. */
  public abstract boolean isTransient();
}
