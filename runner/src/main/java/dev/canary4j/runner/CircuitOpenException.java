package dev.canary4j.runner;

import dev.canary4j.spi.TransientAdapterException;

/** Thrown instead of calling an adapter whose circuit breaker is open; a later call may succeed. */
public final class CircuitOpenException extends TransientAdapterException {
  private static final long serialVersionUID = 1L;

  /**
   * A call refused by an open circuit, described by {@code message}.
   *
   * @param message which adapter's circuit is open and which call was not attempted
   * @param cause the underlying failure, or {@code null}
   */
  public CircuitOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}
