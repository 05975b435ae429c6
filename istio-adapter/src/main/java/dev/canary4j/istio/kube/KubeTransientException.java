package dev.canary4j.istio.kube;

import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.util.Optional;

/** A Kubernetes API failure that a retry may cure: 408, 429, 5xx, timeouts and I/O errors. */
public class KubeTransientException extends TransientAdapterException implements KubeApiError {
  private static final long serialVersionUID = 1L;

  private final transient KubeStatus status;
  private final String request;
  private final Duration retryAfter;

  public KubeTransientException(String message, KubeStatus status, String request, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.request = request;
    this.retryAfter = retryAfter;
  }

  @Override
  public KubeStatus status() {
    return status;
  }

  @Override
  public String request() {
    return request;
  }

  /** How long the server asked us to wait ({@code Retry-After} or {@code details.retryAfterSeconds}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
