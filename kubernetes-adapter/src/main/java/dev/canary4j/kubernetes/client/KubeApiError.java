package dev.canary4j.kubernetes.client;

/** An error answered by the Kubernetes API server (or met on the way to it), with its Status. */
public interface KubeApiError {

  /**
   * The server's Status, or a synthetic one (code 0) for timeouts and I/O errors.
   *
   * @return the Status, never {@code null}
   */
  KubeStatus status();

  /**
   * The HTTP method and path of the failed request, e.g. {@code GET /api/v1/namespaces/x/configmaps/y}.
   *
   * @return the method and the path below the server's URL
   */
  String request();
}
