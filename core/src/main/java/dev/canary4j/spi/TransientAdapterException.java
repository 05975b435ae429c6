package dev.canary4j.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that a retry may cure: timeouts, I/O errors, 429, 5xx. An adapter that was told how long
 * to wait (an HTTP {@code Retry-After}) passes it on as {@link #retryAfter()}; the caller that
 * retries waits at least that long.
 */
public non-sealed class TransientAdapterException extends AdapterException {
  private static final long serialVersionUID = 1L;

  /** How long the remote asked to wait, or {@code null}; kept when the exception is serialized. */
  private final Duration retryAfter;

  /**
   * A transient failure described by {@code message}.
   *
   * @param message what failed and where, for people
   */
  public TransientAdapterException(String message) {
    this(message, null, null);
  }

  /**
   * A transient failure described by {@code message}, caused by {@code cause}.
   *
   * @param message what failed and where, for people
   * @param cause the underlying exception, or {@code null}
   */
  public TransientAdapterException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /**
   * A transient failure after which the remote asked to wait {@code retryAfter} ({@code null}: it did not
   * say).
   *
   * @param message what failed and where, for people
   * @param cause the underlying exception, or {@code null}
   * @param retryAfter how long the remote asked to wait, or {@code null}
   */
  public TransientAdapterException(String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, but was " + retryAfter);
    }
    this.retryAfter = retryAfter;
  }

  @Override
  public boolean isTransient() {
    return true;
  }

  /**
   * How long the remote asked to wait before the next attempt, if it said.
   *
   * @return the wait, or empty when the remote did not say
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
