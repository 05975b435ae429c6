package dev.canary4j.kubernetes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigLoaderTest {

  @TempDir Path dir;

  private Path write(String name, String yaml) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, yaml);
    return p;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mergesTheKubeconfigListSoThatTheFirstFileToDefineSomethingWins() throws Exception {
    Path first = write("a/config", """
        current-context: dev
        clusters:
        - name: dev
          cluster: {server: "https://dev.example:6443"}
        contexts:
        - name: dev
          context: {cluster: dev, user: alice, namespace: team-a}
        """);
    Path second = write("b/config", """
        current-context: prod
        clusters:
        - name: dev
          cluster: {server: "https://ignored.example"}
        - name: prod
          cluster: {server: "https://prod.example"}
        users:
        - name: alice
          user: {token: s3cret}
        contexts:
        - name: prod
          context: {cluster: prod, user: alice}
        """);
    List<Path> files = KubeconfigLoader.defaultFiles(
        Map.of("KUBECONFIG", first + File.pathSeparator + dir.resolve("missing") + File.pathSeparator + second), dir);

    KubeConfig current = KubeconfigLoader.load(files, null);
    KubeConfig prod = KubeconfigLoader.load(files, "prod");

    assertThat(current.server().toString()).isEqualTo("https://dev.example:6443/");
    assertThat(current.namespace()).isEqualTo("team-a");
    assertThat(current.tokenSource().token()).contains("s3cret");
    assertThat(prod.server().host()).isEqualTo("prod.example");
    assertThat(prod.namespace()).isEqualTo("default");
  }

  @Test
  void withoutKubeconfigVariableReadsTheHomeConfig() {
    assertThat(KubeconfigLoader.defaultFiles(Map.of(), dir)).containsExactly(dir.resolve(".kube/config"));
  }

  @Test
  void readsCertificatesFromDataAndFromFilesRelativeToTheirKubeconfig() throws Exception {
    write("certs/ca.crt", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    Path config = write("config", """
        current-context: c
        clusters:
        - name: c
          cluster: {server: "https://k:6443", certificate-authority: certs/ca.crt}
        users:
        - name: u
          user: {client-certificate-data: %s, client-key-data: %s}
        contexts:
        - name: c
          context: {cluster: c, user: u}
        """.formatted(b64("CERT PEM"), b64("KEY PEM")));

    KubeConfig c = KubeconfigLoader.load(List.of(config), null);

    assertThat(c.certificateAuthorityPem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(c.clientCertificatePem()).isEqualTo("CERT PEM");
    assertThat(c.clientKeyPem()).isEqualTo("KEY PEM");
    assertThat(c.insecureSkipTlsVerify()).isFalse();
  }

  @Test
  void tokenFileIsReadAgainForEachRequest() throws Exception {
    Path token = write("token", "one\n");
    Path config = write("config", """
        current-context: c
        clusters: [{name: c, cluster: {server: "https://k"}}]
        users: [{name: u, user: {tokenFile: token}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        """);
    KubeConfig c = KubeconfigLoader.load(List.of(config), null);

    assertThat(c.tokenSource().token()).contains("one");
    Files.writeString(token, "two");
    assertThat(c.tokenSource().token()).contains("two");
  }

  @Test
  void anExecPluginWithoutApiVersionOrInteractiveModeNamesEveryMissingField() throws Exception {
    Path config = write("config", """
        current-context: c
        clusters: [{name: c, cluster: {server: "https://k"}}]
        users: [{name: eks, user: {exec: {command: aws}}}]
        contexts: [{name: c, context: {cluster: c, user: eks}}]
        """);

    assertThatThrownBy(() -> KubeconfigLoader.load(List.of(config), null))
        .hasMessageContaining("user 'eks'.exec.apiVersion: expected one of [client.authentication.k8s.io/v1, "
            + "client.authentication.k8s.io/v1beta1], but was ''");
  }

  @Test
  void refusesAuthProviderNamingExecAsTheReplacement() throws Exception {
    Path config = write("config", """
        current-context: c
        clusters: [{name: c, cluster: {server: "https://k"}}]
        users: [{name: gke, user: {auth-provider: {name: gcp, config: {access-token: secret-value}}}}]
        contexts: [{name: c, context: {cluster: c, user: gke}}]
        """);

    assertThatThrownBy(() -> KubeconfigLoader.load(List.of(config), null))
        .hasMessageContaining("user 'gke' uses 'auth-provider' ('gcp')")
        .hasMessageContaining("use an 'exec' credential plugin instead")
        .hasMessageNotContaining("secret-value");
  }

  @Test
  void readsProxyUrlAndTlsServerNameAndRefusesAnUnknownProxyScheme() throws Exception {
    Path config = write("config", """
        current-context: c
        clusters:
        - name: c
          cluster: {server: "https://10.0.0.1", proxy-url: "socks5://proxy.local:1080", tls-server-name: kubernetes}
        - name: bad
          cluster: {server: "https://10.0.0.1", proxy-url: "ftp://user:pw@proxy.local"}
        contexts: [{name: c, context: {cluster: c}}, {name: bad, context: {cluster: bad}}]
        """);

    KubeConfig c = KubeconfigLoader.load(List.of(config), null);
    assertThat(c.proxy()).hasToString("socks5://proxy.local:1080");
    assertThat(c.tlsServerName()).isEqualTo("kubernetes");
    assertThatThrownBy(() -> KubeconfigLoader.load(List.of(config), "bad"))
        .hasMessageContaining("kubeconfig cluster 'bad': proxy-url must be an http, https or socks5 URL")
        .hasMessageNotContaining("pw");
  }

  @Test
  void anUnknownContextNamesTheDefinedOnes() throws Exception {
    Path config = write("config", """
        clusters: [{name: c, cluster: {server: "https://k"}}]
        contexts: [{name: one, context: {cluster: c}}, {name: two, context: {cluster: c}}]
        """);

    assertThatThrownBy(() -> KubeconfigLoader.load(List.of(config), "three"))
        .hasMessageContaining("context 'three'").hasMessageContaining("[one, two]");
    assertThatThrownBy(() -> KubeconfigLoader.load(List.of(config), null))
        .hasMessageContaining("sets no current-context");
  }

  @Test
  void aMissingKubeconfigIsAnError() {
    assertThatThrownBy(() -> KubeconfigLoader.load(List.of(dir.resolve("nope")), null))
        .hasMessageContaining("No kubeconfig found");
  }
}
