package dev.canary4j.kubernetes.client;

/** Kubernetes API error 401: the credentials were missing, expired or not accepted. */
public class KubeUnauthorizedException extends KubePermanentException {
  private static final long serialVersionUID = 1L;

  /**
   * A 401 for {@code request}.
   *
   * @param message what failed, for people
   * @param status the server's Status of the 401
   * @param request the method and path of the request
   */
  public KubeUnauthorizedException(String message, KubeStatus status, String request) {
    super(message, status, request);
  }
}
