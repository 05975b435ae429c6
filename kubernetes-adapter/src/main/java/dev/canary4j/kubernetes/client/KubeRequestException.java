package dev.canary4j.kubernetes.client;

/** Another 4xx answer from the Kubernetes API that a retry will not change (400, 405, 415, ...). */
public class KubeRequestException extends KubePermanentException {
  private static final long serialVersionUID = 1L;

  /**
   * A failed request that repeating will not cure, for {@code request}.
   *
   * @param message what failed, for people
   * @param status the server's Status, or one made up for a failure without one
   * @param request the method and path of the request
   */
  public KubeRequestException(String message, KubeStatus status, String request) {
    super(message, status, request);
  }
}
