package dev.canary4j.kubernetes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.kubernetes.testing.FakeApiServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubeconfigs as managed clusters hand them out, each reaching the fake API server over TLS. */
class KubeconfigConnectionTest {

  static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0).commonName("cluster-ca")
      .build();

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  @TempDir Path dir;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    api.put("/api/v1/namespaces/shop/configmaps/cart",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cart\",\"namespace\":\"shop\"}}");
  }

  void serveTlsFor(String name) {
    HeldCertificate cert = new HeldCertificate.Builder().signedBy(CA).addSubjectAlternativeName(name).build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert, CA.certificate()).build()
        .sslSocketFactory());
  }

  Path kubeconfig(String name, String cluster) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        current-context: c
        clusters: [{name: c, cluster: %s}]
        users: [{name: u, user: {token: t0k}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        """.formatted(cluster));
    return file;
  }

  String ca() {
    return Base64.getEncoder().encodeToString(CA.certificatePem().getBytes(StandardCharsets.UTF_8));
  }

  static String get(KubeConfig config) {
    return KubeClient.builder(config).maxAttempts(1).build().get(KubeResource.CONFIG_MAPS, "shop", "cart")
        .path("kind").asText();
  }

  @Test
  void aKubeconfigWithAnHttpProxyUrlTunnelsThroughTheProxy() throws Exception {
    serveTlsFor(server.getHostName());
    try (LocalProxy proxy = LocalProxy.http()) {
      Path config = kubeconfig("config", "{server: \"%s\", certificate-authority-data: %s, proxy-url: \"http://127.0.0.1:%d\"}"
          .formatted(server.url("/"), ca(), proxy.port()));

      assertThat(get(KubeconfigLoader.load(List.of(config), null))).isEqualTo("ConfigMap");

      assertThat(proxy.requests()).containsExactly(
          "CONNECT " + server.getHostName() + ":" + server.getPort() + " HTTP/1.1");
    }
  }

  @Test
  void aKubeconfigWithAnHttpsProxyUrlSpeaksTlsToTheProxy() throws Exception {
    serveTlsFor(server.getHostName());
    HeldCertificate proxyCert = new HeldCertificate.Builder().signedBy(CA).addSubjectAlternativeName("127.0.0.1")
        .build();
    try (LocalProxy proxy = LocalProxy.https(new HandshakeCertificates.Builder()
        .heldCertificate(proxyCert, CA.certificate()).build().sslContext().getServerSocketFactory())) {
      Path config = kubeconfig("config", "{server: \"%s\", certificate-authority-data: %s, proxy-url: \"https://127.0.0.1:%d\"}"
          .formatted(server.url("/"), ca(), proxy.port()));

      assertThat(get(KubeconfigLoader.load(List.of(config), null))).isEqualTo("ConfigMap");

      assertThat(proxy.requests()).containsExactly(
          "CONNECT " + server.getHostName() + ":" + server.getPort() + " HTTP/1.1");
    }
  }

  @Test
  void aKubeconfigWithASocks5ProxyUrlConnectsThroughTheProxy() throws Exception {
    serveTlsFor(server.getHostName());
    try (LocalProxy proxy = LocalProxy.socks5()) {
      Path config = kubeconfig("config", "{server: \"%s\", certificate-authority-data: %s, proxy-url: \"socks5://127.0.0.1:%d\"}"
          .formatted(server.url("/"), ca(), proxy.port()));

      assertThat(get(KubeconfigLoader.load(List.of(config), null))).isEqualTo("ConfigMap");

      assertThat(proxy.requests()).containsExactly("SOCKS5 CONNECT " + server.getHostName() + ":" + server.getPort());
    }
  }

  @Test
  void tlsServerNameChecksTheCertificateAgainstThatNameInsteadOfTheAddress() throws Exception {
    serveTlsFor("kubernetes.default.svc");
    String byAddress = "https://127.0.0.1:" + server.getPort();
    Path withName = kubeconfig("named/config", "{server: \"%s\", certificate-authority-data: %s, tls-server-name: kubernetes.default.svc}"
        .formatted(byAddress, ca()));
    Path without = kubeconfig("plain/config", "{server: \"%s\", certificate-authority-data: %s}".formatted(byAddress, ca()));

    assertThat(get(KubeconfigLoader.load(List.of(withName), null))).isEqualTo("ConfigMap");
    assertThatThrownBy(() -> get(KubeconfigLoader.load(List.of(without), null)))
        .isInstanceOf(KubeRequestException.class);
  }

  @Test
  void twoMergedKubeconfigFilesReachTheServerThroughTheContextTheFirstFileNames() throws Exception {
    serveTlsFor(server.getHostName());
    Path first = dir.resolve("home/first");
    Files.createDirectories(first.getParent());
    Files.writeString(first, """
        current-context: shop
        users: [{name: deployer, user: {tokenFile: token}}]
        clusters: [{name: staging, cluster: {server: "https://staging.invalid"}}]
        """);
    Files.writeString(dir.resolve("home/token"), "merged-token");
    Path second = dir.resolve("certs/second");
    Files.createDirectories(second.getParent());
    Files.writeString(dir.resolve("certs/ca.crt"), CA.certificatePem());
    Files.writeString(second, """
        current-context: staging
        clusters:
        - {name: prod, cluster: {server: "%s", certificate-authority: ca.crt}}
        - {name: staging, cluster: {server: "https://other.invalid"}}
        contexts:
        - {name: shop, context: {cluster: prod, user: deployer, namespace: shop}}
        - {name: staging, context: {cluster: staging, user: deployer}}
        """.formatted(server.url("/")));
    List<Path> files = KubeconfigLoader.defaultFiles(
        Map.of("KUBECONFIG", first + File.pathSeparator + second), dir);

    KubeConfig merged = KubeconfigLoader.load(files, null);

    assertThat(merged.namespace()).isEqualTo("shop");
    assertThat(get(merged)).isEqualTo("ConfigMap");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer merged-token");
  }
}
