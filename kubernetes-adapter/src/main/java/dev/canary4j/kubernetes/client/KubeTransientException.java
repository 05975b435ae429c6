package dev.canary4j.kubernetes.client;

import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.util.Optional;

/** A Kubernetes API failure that a retry may cure: 408, 429, 5xx, timeouts and I/O errors. */
public class KubeTransientException extends TransientAdapterException implements KubeApiError {
  private static final long serialVersionUID = 1L;

  private final transient KubeStatus status;
  private final String request;
  private final Duration retryAfter;

  /** A transient failure of {@code request}; {@code retryAfter} and {@code cause} may be {@code null}. */
  public KubeTransientException(String message, KubeStatus status, String request, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.request = request;
    this.retryAfter = retryAfter;
  }

  /** The server's Status, or a synthetic one (code 0) for timeouts and I/O errors. */
  @Override
  public KubeStatus status() {
    return status;
  }

  /** The HTTP method and path of the failed request. */
  @Override
  public String request() {
    return request;
  }

  /** How long the server asked us to wait ({@code Retry-After} or {@code details.retryAfterSeconds}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
