package dev.canary4j.istio.kube;

import dev.canary4j.spi.PermanentAdapterException;

/** Kubernetes API error 422: the object was rejected by validation; see the status causes. */
public class KubeInvalidException extends PermanentAdapterException implements KubeApiError {
  private static final long serialVersionUID = 1L;

  private final transient KubeStatus status;
  private final String request;

  public KubeInvalidException(String message, KubeStatus status, String request) {
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
