package dev.canary4j.kubernetes.client;

import static dev.canary4j.kubernetes.testing.ApiResponses.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

  private static final HeldCertificate CLUSTER_CA = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("kubernetes-ca").build();
  private static final HeldCertificate OTHER_CA = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("someone-else").build();
  private static final HeldCertificate CLIENT_CA = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("client-ca").build();

  @StartStop private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;

  @BeforeEach
  void serveTlsSignedByTheClusterCa() {
    HeldCertificate serverCert = new HeldCertificate.Builder().signedBy(CLUSTER_CA)
        .addSubjectAlternativeName(server.getHostName()).commonName("kube-apiserver").build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(serverCert, CLUSTER_CA.certificate())
        .build().sslSocketFactory());
  }

  private KubeConfig.Builder config() {
    return KubeConfig.builder(server.url("/").toString());
  }

  private static String get(KubeConfig config) {
    return KubeClient.builder(config).maxAttempts(1).build().get(KubeResource.CONFIG_MAPS, "ns", "c").path("kind").asText();
  }

  @Test
  void trustsTheConfiguredCertificateAuthority() {
    server.enqueue(ok("{\"kind\":\"ConfigMap\"}"));

    assertThat(get(config().certificateAuthorityPem(CLUSTER_CA.certificatePem()).build())).isEqualTo("ConfigMap");
  }

  @Test
  void aCertificateAuthorityThatDoesNotMatchFailsPermanently() {
    server.enqueue(ok("{}"));

    assertThatThrownBy(() -> get(config().certificateAuthorityPem(OTHER_CA.certificatePem()).build()))
        .isInstanceOf(KubeRequestException.class)
        .hasMessageContaining("TLS with the API server failed")
        .hasMessageContaining("certificate authority");
  }

  @Test
  void skipsVerificationOnlyWhenAsked() {
    server.enqueue(ok("{\"kind\":\"ConfigMap\"}"));

    assertThat(get(config().insecureSkipTlsVerify(true).build())).isEqualTo("ConfigMap");
  }

  @Test
  void aKubeconfigSkipsVerificationOnlyWhenItsClusterSaysInsecureSkipTlsVerify() throws Exception {
    server.enqueue(ok("{\"kind\":\"ConfigMap\"}"));
    server.enqueue(ok("{\"kind\":\"ConfigMap\"}"));
    String kubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev
          cluster: {server: "%s"%s}
        users:
        - name: dev
          user: {token: t}
        contexts:
        - name: dev
          context: {cluster: dev, user: dev}
        """;
    Path insecure = dir.resolve("insecure");
    Files.writeString(insecure, kubeconfig.formatted(server.url("/"), ", insecure-skip-tls-verify: true"));
    Path strict = dir.resolve("strict");
    Files.writeString(strict, kubeconfig.formatted(server.url("/"), ""));

    assertThat(get(KubeconfigLoader.load(List.of(insecure), null))).isEqualTo("ConfigMap");
    assertThatThrownBy(() -> get(KubeconfigLoader.load(List.of(strict), null)))
        .isInstanceOf(KubeRequestException.class).hasMessageContaining("TLS with the API server failed");
  }

  @Test
  void presentsAnRsaClientCertificateWithAPkcs1Key() throws Exception {
    HeldCertificate client = new HeldCertificate.Builder().rsa2048().signedBy(CLIENT_CA).commonName("alice").build();

    assertThat(presentedClientName(client.certificatePem(), client.privateKeyPkcs1Pem())).contains("CN=alice");
  }

  @Test
  void presentsAnEcClientCertificateWithAPkcs8Key() throws Exception {
    HeldCertificate client = new HeldCertificate.Builder().ecdsa256().signedBy(CLIENT_CA).commonName("bob").build();

    assertThat(presentedClientName(client.certificatePem(), client.privateKeyPkcs8Pem())).contains("CN=bob");
  }

  @Test
  void presentsAnEcClientCertificateWithASec1Key() throws Exception {
    String cert = resource("tls/ec-sec1-client.crt");
    String key = resource("tls/ec-sec1-client.key");
    assertThat(key).startsWith("-----BEGIN EC PRIVATE KEY-----");

    assertThat(presentedClientName(cert, key)).contains("CN=sec1-client");
  }

  @Test
  void aKubeconfigWithCaAndClientCertificateDataConnects() throws Exception {
    HeldCertificate client = new HeldCertificate.Builder().ecdsa256().signedBy(CLIENT_CA).commonName("carol").build();
    HeldCertificate serverCert = new HeldCertificate.Builder().signedBy(CLUSTER_CA)
        .addSubjectAlternativeName(server.getHostName()).build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(serverCert, CLUSTER_CA.certificate())
        .addTrustedCertificate(CLIENT_CA.certificate()).build().sslSocketFactory());
    server.requireClientAuth();
    server.enqueue(ok("{\"kind\":\"ConfigMap\"}"));
    Path kubeconfig = dir.resolve("config");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        current-context: kind
        clusters:
        - name: kind
          cluster: {server: "%s", certificate-authority-data: %s}
        users:
        - name: carol
          user: {client-certificate-data: %s, client-key-data: %s}
        contexts:
        - name: kind
          context: {cluster: kind, user: carol, namespace: ns}
        """.formatted(server.url("/"), b64(CLUSTER_CA.certificatePem()), b64(client.certificatePem()),
        b64(client.privateKeyPkcs8Pem())));

    assertThat(get(KubeconfigLoader.load(List.of(kubeconfig), null))).isEqualTo("ConfigMap");
    assertThat(((X509Certificate) server.takeRequest().getHandshake().peerCertificates().get(0))
        .getSubjectX500Principal().getName()).isEqualTo("CN=carol");
  }

  private static String b64(String s) {
    return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void inClusterConfigReadsARotatedTokenAndVerifiesTheServiceAccountCa() throws Exception {
    Files.writeString(dir.resolve("token"), "token-1");
    Files.writeString(dir.resolve("ca.crt"), CLUSTER_CA.certificatePem());
    Files.writeString(dir.resolve("namespace"), "canaries\n");
    Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", server.getHostName(),
        "KUBERNETES_SERVICE_PORT", Integer.toString(server.getPort()));
    KubeConfig config = InClusterConfig.load(env, dir);
    KubeClient client = KubeClient.create(config);
    server.enqueue(ok("{}"));
    server.enqueue(ok("{}"));

    client.get(KubeResource.CONFIG_MAPS, config.namespace(), "c");
    Files.writeString(dir.resolve("token"), "token-2");
    client.get(KubeResource.CONFIG_MAPS, config.namespace(), "c");

    assertThat(config.namespace()).isEqualTo("canaries");
    RecordedRequest first = server.takeRequest();
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(first.getUrl().encodedPath()).isEqualTo("/api/v1/namespaces/canaries/configmaps/c");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void inClusterConfigRejectsAServerItsCaDidNotSign() throws Exception {
    Files.writeString(dir.resolve("token"), "t");
    Files.writeString(dir.resolve("ca.crt"), OTHER_CA.certificatePem());
    KubeConfig config = InClusterConfig.load(Map.of("KUBERNETES_SERVICE_HOST", server.getHostName(),
        "KUBERNETES_SERVICE_PORT", Integer.toString(server.getPort())), dir);
    server.enqueue(ok("{}"));

    assertThatThrownBy(() -> get(config)).isInstanceOf(KubeRequestException.class);
  }

  @Test
  void outsideAClusterInClusterConfigSaysWhy() {
    assertThatThrownBy(() -> InClusterConfig.load(Map.of(), dir)).hasMessageContaining("KUBERNETES_SERVICE_HOST");
  }

  private String presentedClientName(String certPem, String keyPem) throws Exception {
    HeldCertificate serverCert = new HeldCertificate.Builder().signedBy(CLUSTER_CA)
        .addSubjectAlternativeName(server.getHostName()).build();
    HandshakeCertificates.Builder serverTls = new HandshakeCertificates.Builder()
        .heldCertificate(serverCert, CLUSTER_CA.certificate()).addTrustedCertificate(CLIENT_CA.certificate());
    for (X509Certificate c : Pem.certificates(certPem, "test")) {
      serverTls.addTrustedCertificate(c);
    }
    server.useHttps(serverTls.build().sslSocketFactory());
    server.requireClientAuth();
    server.enqueue(ok("{\"kind\":\"ConfigMap\"}"));

    get(config().certificateAuthorityPem(CLUSTER_CA.certificatePem()).clientCertificate(certPem, keyPem).build());

    List<java.security.cert.Certificate> peer = server.takeRequest().getHandshake().peerCertificates();
    return ((X509Certificate) peer.get(0)).getSubjectX500Principal().getName();
  }

  private static String resource(String name) throws Exception {
    try (var in = TlsTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
