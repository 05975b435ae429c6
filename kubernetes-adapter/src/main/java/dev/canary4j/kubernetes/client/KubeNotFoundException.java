package dev.canary4j.kubernetes.client;

/** Kubernetes API error 404: the object, or the API serving it, does not exist. */
public class KubeNotFoundException extends KubePermanentException {
  private static final long serialVersionUID = 1L;

  /**
   * A 404 for {@code request}.
   *
   * @param message what failed, for people
   * @param status the server's Status of the 404
   * @param request the method and path of the request
   */
  public KubeNotFoundException(String message, KubeStatus status, String request) {
    super(message, status, request);
  }
}
