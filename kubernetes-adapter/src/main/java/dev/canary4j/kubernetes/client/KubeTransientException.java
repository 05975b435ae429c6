package dev.canary4j.kubernetes.client;

import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.util.Optional;

/** A Kubernetes API failure that a retry may cure: 408, 429, 5xx, timeouts and I/O errors. */
public class KubeTransientException extends TransientAdapterException implements KubeApiError {
  private static final long serialVersionUID = 1L;

  private final transient KubeStatus status;
  /** The failed request's method and path; kept when the exception is serialized, unlike the Status. */
  private final String request;

  /**
   * A transient failure of {@code request}; {@code retryAfter} and {@code cause} may be {@code null}.
   *
   * @param message what failed, for people
   * @param status the server's Status, or a synthetic one (code 0) for timeouts and I/O errors
   * @param request the method and path of the request
   * @param retryAfter how long the server asked to wait, or {@code null}
   * @param cause the underlying I/O error, or {@code null}
   */
  public KubeTransientException(String message, KubeStatus status, String request, Duration retryAfter, Throwable cause) {
    super(message, cause, retryAfter);
    this.status = status;
    this.request = request;
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
  @Override
  public Optional<Duration> retryAfter() {
    return super.retryAfter();
  }
}
