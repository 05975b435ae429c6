package dev.canary4j.kubernetes.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads kubeconfig files the way kubectl (client-go) does: {@code KUBECONFIG} is a list of files
 * merged so that the first file to define a cluster, user, context or {@code current-context} wins
 * (missing files are skipped); without it, {@code ~/.kube/config}. Relative paths (certificates,
 * token files, an exec command with a path) are resolved against the folder of the file that names
 * them.
 *
 * <p>Supported: {@code token}, {@code tokenFile} (read on every request), client certificate and
 * key (data or file; PEM, keys as PKCS#8 RSA/EC, PKCS#1 RSA or SEC1 EC), {@code exec} credential
 * plugins ({@code client.authentication.k8s.io/v1} and {@code v1beta1}, see
 * {@link ExecCredentialPlugin}), a cluster's {@code proxy-url} ({@code http}, {@code https},
 * {@code socks5}) and {@code tls-server-name}. {@code auth-provider} (removed from kubectl in 1.26)
 * and basic auth are refused with an error that names the replacement.
 */
public final class KubeconfigLoader {

  private final Map<String, Entry> clusters = new LinkedHashMap<>();
  private final Map<String, Entry> users = new LinkedHashMap<>();
  private final Map<String, Entry> contexts = new LinkedHashMap<>();
  private final List<Path> files;
  private String currentContext;

  private record Entry(JsonNode node, Path dir) {}

  private KubeconfigLoader(List<Path> files) {
    this.files = files;
  }

  /**
   * The files {@code KUBECONFIG} names in {@code env}, or {@code home/.kube/config}.
   *
   * @param env the environment variables, where {@code KUBECONFIG} may list files
   * @param home the user's home directory
   * @return the kubeconfig files in the order they are merged
   */
  public static List<Path> defaultFiles(Map<String, String> env, Path home) {
    String list = env.get("KUBECONFIG");
    if (list == null || list.isBlank()) {
      return List.of(home.resolve(".kube").resolve("config"));
    }
    List<Path> paths = new ArrayList<>();
    for (String p : list.split(File.pathSeparator)) {
      if (!p.isBlank()) {
        paths.add(Path.of(p.strip()));
      }
    }
    return paths;
  }

  /**
   * The current context of the process's kubeconfig ({@code KUBECONFIG} or {@code ~/.kube/config}).
   *
   * @return the server and credentials of the current context
   */
  public static KubeConfig load() {
    return load(defaultFiles(System.getenv(), Path.of(System.getProperty("user.home"))), null);
  }

  /**
   * Context {@code context} ({@code null}: the current context) of the merged {@code files}.
   *
   * @param files the kubeconfig files, merged so that the first to define an entry wins
   * @param context the context's name, or {@code null} for {@code current-context}
   * @return the server and credentials of that context
   * @throws IllegalArgumentException naming the file, context, cluster or user that is missing or bad
   */
  public static KubeConfig load(List<Path> files, String context) {
    KubeconfigLoader loader = new KubeconfigLoader(files);
    YAMLMapper yaml = new YAMLMapper();
    boolean anyFile = false;
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      anyFile = true;
      try {
        loader.merge(yaml.readTree(file.toFile()), file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read kubeconfig " + file + ": " + e.getMessage(), e);
      }
    }
    if (!anyFile) {
      throw new IllegalArgumentException("No kubeconfig found: none of " + files + " exists");
    }
    return loader.resolve(context);
  }

  private void merge(JsonNode root, Path dir) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    mergeNamed(root.path("clusters"), "cluster", clusters, dir);
    mergeNamed(root.path("users"), "user", users, dir);
    mergeNamed(root.path("contexts"), "context", contexts, dir);
    String current = root.path("current-context").asText("");
    if (currentContext == null && !current.isEmpty()) {
      currentContext = current;
    }
  }

  private static void mergeNamed(JsonNode list, String field, Map<String, Entry> into, Path dir) {
    for (JsonNode item : list) {
      into.putIfAbsent(item.path("name").asText(), new Entry(item.path(field), dir));
    }
  }

  private KubeConfig resolve(String requested) {
    String name = requested != null ? requested : currentContext;
    if (name == null) {
      throw new IllegalArgumentException("kubeconfig " + files + " sets no current-context; name a context (one of "
          + contexts.keySet() + ")");
    }
    Entry context = require(contexts, name, "context", "contexts " + contexts.keySet());
    String clusterName = context.node().path("cluster").asText("");
    String userName = context.node().path("user").asText("");
    Entry cluster = require(clusters, clusterName, "cluster", "context '" + name + "'");
    JsonNode c = cluster.node();
    String server = c.path("server").asText("");
    if (server.isEmpty()) {
      throw new IllegalArgumentException("kubeconfig cluster '" + clusterName + "' has no server");
    }
    KubeConfig.Builder b = KubeConfig.builder(server)
        .insecureSkipTlsVerify(c.path("insecure-skip-tls-verify").asBoolean(false));
    String ca = dataOrFile(c, "certificate-authority-data", "certificate-authority", cluster.dir(), "cluster '" + clusterName + "'");
    if (ca != null) {
      b.certificateAuthorityPem(ca);
    }
    try {
      b.proxy(c.path("proxy-url").asText(null)).tlsServerName(c.path("tls-server-name").asText(null));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kubeconfig cluster '" + clusterName + "': " + e.getMessage(), e);
    }
    String namespace = context.node().path("namespace").asText("");
    if (!namespace.isEmpty()) {
      b.namespace(namespace);
    }
    if (!userName.isEmpty()) {
      configureUser(b, require(users, userName, "user", "context '" + name + "'"), "user '" + userName + "'",
          execClusterInfo(c, ca));
    }
    return b.build();
  }

  /** The {@code spec.cluster} an exec plugin gets when it asks for it ({@code provideClusterInfo}). */
  private static ObjectNode execClusterInfo(JsonNode c, String caPem) {
    ObjectNode info = new ObjectMapper().createObjectNode();
    info.put("server", c.path("server").asText());
    for (String f : new String[] {"tls-server-name", "proxy-url"}) {
      if (c.hasNonNull(f)) {
        info.put(f, c.path(f).asText());
      }
    }
    if (c.path("insecure-skip-tls-verify").asBoolean(false)) {
      info.put("insecure-skip-tls-verify", true);
    }
    if (caPem != null) {
      info.put("certificate-authority-data", Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)));
    }
    for (JsonNode e : c.path("extensions")) {
      if ("client.authentication.k8s.io/exec".equals(e.path("name").asText())) {
        info.set("config", e.path("extension"));
      }
    }
    return info;
  }

  private static void configureUser(KubeConfig.Builder b, Entry user, String where, ObjectNode clusterInfo) {
    JsonNode u = user.node();
    if (u.hasNonNull("auth-provider")) {
      throw new IllegalArgumentException("kubeconfig " + where + " uses 'auth-provider' ('"
          + u.path("auth-provider").path("name").asText() + "'), which client-go and kubectl removed in Kubernetes "
          + "1.26; use an 'exec' credential plugin instead (for example gke-gcloud-auth-plugin or kubelogin)");
    }
    if (u.hasNonNull("username")) {
      throw new IllegalArgumentException("kubeconfig " + where + " uses 'username' (basic auth), which is not "
          + "supported; use a token, a tokenFile, a client certificate or an 'exec' credential plugin");
    }
    if (u.hasNonNull("exec")) {
      b.exec(ExecCredentialPlugin.fromKubeconfig(u.path("exec"), user.dir(), clusterInfo, where, Clock.systemUTC()));
    } else if (u.hasNonNull("token")) {
      b.token(u.path("token").asText());
    } else if (u.hasNonNull("tokenFile")) {
      b.tokenSource(TokenSource.file(user.dir().resolve(u.path("tokenFile").asText())));
    }
    String cert = dataOrFile(u, "client-certificate-data", "client-certificate", user.dir(), where);
    String key = dataOrFile(u, "client-key-data", "client-key", user.dir(), where);
    if (cert != null || key != null) {
      try {
        b.clientCertificate(cert, key);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("kubeconfig " + where + ": " + e.getMessage(), e);
      }
    }
  }

  private static String dataOrFile(JsonNode node, String dataField, String fileField, Path dir, String where) {
    if (node.hasNonNull(dataField)) {
      try {
        return new String(Base64.getMimeDecoder().decode(node.path(dataField).asText()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("kubeconfig " + where + "." + dataField + ": expected base64 but "
            + e.getMessage(), e);
      }
    }
    if (node.hasNonNull(fileField)) {
      Path file = dir.resolve(node.path(fileField).asText());
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("kubeconfig " + where + "." + fileField + ": cannot read " + file, e);
      }
    }
    return null;
  }

  private Entry require(Map<String, Entry> map, String name, String what, String where) {
    Entry e = map.get(name);
    if (e == null) {
      throw new IllegalArgumentException("kubeconfig " + files + ": " + what + " '" + name + "' named by " + where
          + " is not defined; defined " + what + "s: " + map.keySet());
    }
    return e;
  }
}
