package dev.canary4j.kubernetes.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A kubeconfig {@code exec} credential plugin ({@code client.authentication.k8s.io/v1} or
 * {@code v1beta1}), run the way client-go runs it: the command with its args and env, the
 * {@code ExecCredential} request in {@code KUBERNETES_EXEC_INFO} (with the cluster when
 * {@code provideClusterInfo} is set), never interactively (a controller has no terminal). The
 * answer, a bearer token or a client certificate, is kept until its {@code expirationTimestamp},
 * and the plugin runs again when the server refuses it (401). Thread-safe.
 */
public final class ExecCredentialPlugin implements TokenSource {

  /** What a plugin answered: a token, or a PEM client certificate and key, and when it expires ({@code null}: never). */
  public record Credential(String token, String clientCertificatePem, String clientKeyPem, Instant expires) {}

  static final Set<String> API_VERSIONS = Set.of("client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1");
  private static final int MAX_OUTPUT = 1 << 20;
  private static final Duration MAX_RUN = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String apiVersion;
  private final List<String> command;
  private final Map<String, String> env;
  private final String installHint;
  private final ObjectNode cluster;
  private final String where;
  private final Clock clock;
  private Credential current;

  private ExecCredentialPlugin(String apiVersion, List<String> command, Map<String, String> env, String installHint,
      ObjectNode cluster, String where, Clock clock) {
    this.apiVersion = apiVersion;
    this.command = command;
    this.env = env;
    this.installHint = installHint;
    this.cluster = cluster;
    this.where = where;
    this.clock = clock;
  }

  /**
   * The plugin a kubeconfig user's {@code exec} section describes. A relative command with a path
   * separator is resolved against {@code dir}, the kubeconfig's folder; {@code cluster} is the
   * {@code ExecCredential}'s {@code spec.cluster}, sent only when {@code provideClusterInfo} is true.
   *
   * @throws IllegalArgumentException naming {@code where} and the bad field
   */
  static ExecCredentialPlugin fromKubeconfig(JsonNode exec, Path dir, ObjectNode cluster, String where, Clock clock) {
    List<String> problems = new ArrayList<>();
    String apiVersion = exec.path("apiVersion").asText("");
    if (!API_VERSIONS.contains(apiVersion)) {
      problems.add(where + ".exec.apiVersion: expected one of " + API_VERSIONS.stream().sorted().toList()
          + ", but was '" + apiVersion + "'" + (apiVersion.endsWith("v1alpha1") ? " (v1alpha1 was removed in Kubernetes 1.24)" : ""));
    }
    String mode = exec.path("interactiveMode").asText("");
    if (mode.isEmpty() && apiVersion.endsWith("/v1")) {
      problems.add(where + ".exec.interactiveMode: required by client.authentication.k8s.io/v1 (Never, IfAvailable or Always)");
    } else if (mode.equals("Always")) {
      problems.add(where + ".exec.interactiveMode: Always needs a terminal, which a controller does not have; "
          + "use a plugin that can run with interactiveMode Never or IfAvailable");
    } else if (!mode.isEmpty() && !mode.equals("Never") && !mode.equals("IfAvailable")) {
      problems.add(where + ".exec.interactiveMode: expected Never, IfAvailable or Always, but was '" + mode + "'");
    }
    String cmd = exec.path("command").asText("");
    if (cmd.isEmpty()) {
      problems.add(where + ".exec.command: required");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("kubeconfig " + String.join("; ", problems));
    }
    List<String> command = new ArrayList<>();
    command.add(cmd.contains("/") && !Path.of(cmd).isAbsolute() ? dir.resolve(cmd).normalize().toString() : cmd);
    exec.path("args").forEach(a -> command.add(a.asText()));
    Map<String, String> env = new LinkedHashMap<>();
    exec.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    boolean provide = exec.path("provideClusterInfo").asBoolean(false);
    return new ExecCredentialPlugin(apiVersion, List.copyOf(command), env, exec.path("installHint").asText(""),
        provide ? cluster : null, where, clock);
  }

  @Override
  public Optional<String> token() {
    return Optional.ofNullable(credential().token());
  }

  @Override
  public boolean refresh() {
    synchronized (this) {
      current = null;
    }
    return true;
  }

  /**
   * The cached answer, or a new one when there is none or it has expired.
   *
   * @return the plugin's credential, valid now; never {@code null}
   */
  public synchronized Credential credential() {
    if (current == null || (current.expires() != null && !clock.instant().isBefore(current.expires()))) {
      current = run();
    }
    return current;
  }

  private Credential run() {
    ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
    pb.environment().putAll(env);
    pb.environment().put("KUBERNETES_EXEC_INFO", request());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw failure("exec plugin '" + command.get(0) + "' could not be run (" + e.getMessage() + ")"
          + (installHint.isBlank() ? "" : ". " + installHint.strip()), false);
    }
    try {
      CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      byte[] stdout = read(process.getInputStream());
      if (!process.waitFor(MAX_RUN.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw failure("exec plugin '" + command.get(0) + "' did not finish within " + MAX_RUN.toSeconds() + " s", true);
      }
      if (process.exitValue() != 0) {
        String err = new String(stderr.join(), StandardCharsets.UTF_8).strip();
        throw failure("exec plugin '" + command.get(0) + "' exited with " + process.exitValue()
            + (err.isEmpty() ? "" : ": " + (err.length() > 300 ? err.substring(0, 300) + "..." : err)), true);
      }
      return parse(stdout);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw failure("interrupted while the exec plugin '" + command.get(0) + "' ran", true);
    }
  }

  private String request() {
    ObjectNode request = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", "ExecCredential");
    ObjectNode spec = request.putObject("spec").put("interactive", false);
    if (cluster != null) {
      spec.set("cluster", cluster);
    }
    return request.toString();
  }

  private Credential parse(byte[] stdout) {
    JsonNode answer;
    try {
      answer = JSON.readTree(stdout);
    } catch (IOException e) {
      throw failure("exec plugin '" + command.get(0) + "' did not print an ExecCredential as JSON", false);
    }
    List<String> problems = new ArrayList<>();
    if (!"ExecCredential".equals(answer.path("kind").asText())) {
      problems.add("kind: expected ExecCredential, but was '" + answer.path("kind").asText() + "'");
    }
    if (!apiVersion.equals(answer.path("apiVersion").asText())) {
      problems.add("apiVersion: expected " + apiVersion + " as in the kubeconfig, but was '"
          + answer.path("apiVersion").asText() + "'");
    }
    JsonNode status = answer.path("status");
    String token = status.path("token").asText(null);
    String cert = status.path("clientCertificateData").asText(null);
    String key = status.path("clientKeyData").asText(null);
    if (token == null && (cert == null || key == null)) {
      problems.add("status: expected a token or both clientCertificateData and clientKeyData");
    }
    if ((cert == null) != (key == null)) {
      problems.add("status: clientCertificateData and clientKeyData must be given together");
    }
    Instant expires = null;
    if (status.hasNonNull("expirationTimestamp")) {
      try {
        expires = Instant.parse(status.path("expirationTimestamp").asText());
      } catch (DateTimeParseException e) {
        problems.add("status.expirationTimestamp: expected an RFC 3339 time, but was '"
            + status.path("expirationTimestamp").asText() + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw failure("exec plugin '" + command.get(0) + "' answered an unusable ExecCredential: "
          + String.join("; ", problems), false);
    }
    return new Credential(token, cert, key, expires);
  }

  private RuntimeException failure(String message, boolean transientFailure) {
    String text = "kubeconfig " + where + ": " + message;
    KubeStatus status = new KubeStatus(0, "", text, "", "", null, OptionalInt.empty());
    return transientFailure ? new KubeTransientException(text, status, "", null, null)
        : new KubeUnauthorizedException(text, status, "");
  }

  private static byte[] read(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        if (out.size() + n > MAX_OUTPUT) {
          throw new IOException("more than " + MAX_OUTPUT + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static File nullFile() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
