package dev.canary4j.spi;

/** A failure that a retry may cure: timeouts, I/O errors, 429, 5xx. */
public non-sealed class TransientAdapterException extends AdapterException {
  private static final long serialVersionUID = 1L;

  /** A transient failure described by {@code message}. */
  public TransientAdapterException(String message) {
    super(message, null);
  }

  /** A transient failure described by {@code message}, caused by {@code cause}. */
  public TransientAdapterException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
