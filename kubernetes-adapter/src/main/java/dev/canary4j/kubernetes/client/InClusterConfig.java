package dev.canary4j.kubernetes.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Configuration for a pod talking to its own cluster: {@code KUBERNETES_SERVICE_HOST}/{@code _PORT},
 * and the service account's {@code token} (read again on every request, so rotated tokens are used),
 * {@code ca.crt} (the only CA trusted) and {@code namespace}.
 */
public final class InClusterConfig {

  /** Where Kubernetes mounts the service account. */
  public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  private InClusterConfig() {}

  /**
   * The configuration of the pod this JVM runs in.
   *
   * @return the API server, service-account token and CA of the pod, and its namespace
   */
  public static KubeConfig load() {
    return load(System.getenv(), SERVICE_ACCOUNT_DIR);
  }

  /**
   * The configuration from {@code env} and the service-account files in {@code dir}.
   *
   * @param env the environment variables, giving {@code KUBERNETES_SERVICE_HOST} and {@code
   *     KUBERNETES_SERVICE_PORT}
   * @param dir the service-account directory holding {@code token}, {@code ca.crt} and {@code namespace}
   * @return the configuration of a client in that pod
   * @throws IllegalStateException if not running in a cluster (variables or files missing)
   */
  public static KubeConfig load(Map<String, String> env, Path dir) {
    String host = env.get("KUBERNETES_SERVICE_HOST");
    String port = env.get("KUBERNETES_SERVICE_PORT");
    if (host == null || host.isBlank() || port == null || port.isBlank()) {
      throw new IllegalStateException("Not running in a Kubernetes cluster: KUBERNETES_SERVICE_HOST and "
          + "KUBERNETES_SERVICE_PORT must be set, but were '" + host + "' and '" + port + "'");
    }
    Path token = dir.resolve("token");
    Path ca = dir.resolve("ca.crt");
    if (!Files.isReadable(token)) {
      throw new IllegalStateException("Not running in a Kubernetes cluster: no service-account token at " + token);
    }
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    KubeConfig.Builder b = KubeConfig.builder("https://" + hostPart + ":" + port.strip())
        .tokenSource(TokenSource.file(token))
        .certificateAuthorityPem(read(ca));
    Path namespace = dir.resolve("namespace");
    if (Files.isReadable(namespace)) {
      b.namespace(read(namespace));
    }
    return b.build();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
