package dev.canary4j.kubernetes.client;

/** Kubernetes API error 422: the object was rejected by validation; see the status causes. */
public class KubeInvalidException extends KubePermanentException {
  private static final long serialVersionUID = 1L;

  /**
   * A 422 for {@code request}.
   *
   * @param message what failed, for people
   * @param status the server's Status of the 422, whose causes name the invalid fields
   * @param request the method and path of the request
   */
  public KubeInvalidException(String message, KubeStatus status, String request) {
    super(message, status, request);
  }
}
