package dev.canary4j.kubernetes.client;

import dev.canary4j.spi.PermanentAdapterException;

/** A Kubernetes API answer that the same request, repeated, will not change; the subclass names which. */
public abstract class KubePermanentException extends PermanentAdapterException implements KubeApiError {
  private static final long serialVersionUID = 1L;

  private final transient KubeStatus status;
  /** The failed request's method and path; kept when the exception is serialized, unlike the Status. */
  private final String request;

  /**
   * A permanent failure of {@code request}.
   *
   * @param message what failed, for people
   * @param status the server's Status, or one made up for a failure without one
   * @param request the method and path of the request
   */
  protected KubePermanentException(String message, KubeStatus status, String request) {
    super(message);
    this.status = status;
    this.request = request;
  }

  /** The server's Status, or one made up for a failure without one (TLS, an answer that is not JSON). */
  @Override
  public KubeStatus status() {
    return status;
  }

  /** The HTTP method and path of the failed request. */
  @Override
  public String request() {
    return request;
  }
}
