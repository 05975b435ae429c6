package dev.canary4j.istio.kube;

import dev.canary4j.spi.PermanentAdapterException;

/** Kubernetes API error 401: the credentials were missing, expired or not accepted. */
public class KubeUnauthorizedException extends PermanentAdapterException implements KubeApiError {
  private static final long serialVersionUID = 1L;

  private final transient KubeStatus status;
  private final String request;

  public KubeUnauthorizedException(String message, KubeStatus status, String request) {
    super(message);
    this.status = status;
    this.request = request;
  }

  @Override
  public KubeStatus status() {
    return status;
  }

  @Override
  public String request() {
    return request;
  }
}
