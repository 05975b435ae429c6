package dev.canary4j.kubernetes.client;

/** Kubernetes API error 403: the credentials are valid but lack permission (RBAC). */
public class KubeForbiddenException extends KubePermanentException {
  private static final long serialVersionUID = 1L;

  /**
   * A 403 for {@code request}.
   *
   * @param message what failed, for people
   * @param status the server's Status of the 403
   * @param request the method and path of the request
   */
  public KubeForbiddenException(String message, KubeStatus status, String request) {
    super(message, status, request);
  }
}
