package dev.canary4j.istio.kube;

import dev.canary4j.spi.PermanentAdapterException;

/** Another 4xx answer from the Kubernetes API that a retry will not change (400, 405, 415, ...). */
public class KubeRequestException extends PermanentAdapterException implements KubeApiError {
  private static final long serialVersionUID = 1L;

  private final transient KubeStatus status;
  private final String request;

  public KubeRequestException(String message, KubeStatus status, String request) {
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
