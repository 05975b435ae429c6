package dev.canary4j.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, TLS trust and the secrecy of credentials. */
class PrometheusAuthTest {
  static final Instant T = Instant.parse("2023-11-14T22:13:20Z");
  static final String EMPTY = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";

  @StartStop
  final MockWebServer server = new MockWebServer();

  @TempDir
  Path dir;

  PrometheusConfig.Builder config() {
    return PrometheusConfig.custom(server.url("/").toString());
  }

  String authorizationOfNextCall(PrometheusClient client) throws InterruptedException {
    server.enqueue(new MockResponse.Builder().body(EMPTY).build());
    client.query("up", T);
    return server.takeRequest().getHeaders().get("Authorization");
  }

  @Test
  void sendsTheBearerTokenFromTheFileAndReadsItAgainWhenTheFileChanges() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "first-token\n");
    Files.setLastModifiedTime(token, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    PrometheusClient client = PrometheusClient.create(config().bearerTokenFile(token).build());

    assertThat(authorizationOfNextCall(client)).isEqualTo("Bearer first-token");
    Files.writeString(token, "rotated-token-2\n");
    Files.setLastModifiedTime(token, FileTime.from(Instant.parse("2024-01-01T01:00:00Z")));
    assertThat(authorizationOfNextCall(client)).isEqualTo("Bearer rotated-token-2");
  }

  @Test
  void keepsTheCachedTokenWhileTheFileLooksUnchanged() throws Exception {
    FileTime modified = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));
    Path token = Files.writeString(dir.resolve("token"), "aaaa");
    Files.setLastModifiedTime(token, modified);
    PrometheusClient client = PrometheusClient.create(config().bearerTokenFile(token).build());
    assertThat(authorizationOfNextCall(client)).isEqualTo("Bearer aaaa");

    // Same size, same time, same file: not read again.
    Files.writeString(token, "bbbb");
    Files.setLastModifiedTime(token, modified);

    assertThat(authorizationOfNextCall(client)).isEqualTo("Bearer aaaa");
  }

  @Test
  void sendsBasicAuthentication() throws Exception {
    PrometheusClient client = PrometheusClient.create(config().basicAuth("grafana", "s3cret").build());

    assertThat(authorizationOfNextCall(client)).isEqualTo("Basic Z3JhZmFuYTpzM2NyZXQ=");
  }

  @Test
  void rejectedCredentialsArePermanentAndTheSecretIsNotInTheMessage() {
    server.enqueue(new MockResponse.Builder().code(401).body("{\"status\":\"error\",\"errorType\":\"unauthorized\",\"error\":\"bad token\"}").build());
    PrometheusClient client = PrometheusClient.create(config().bearerToken("top-secret-token").build());

    assertThatThrownBy(() -> client.query("up", T))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("check the credentials")
        .hasMessageNotContaining("top-secret-token");
  }

  @Test
  void toStringNamesTheSettingsButHidesEverySecret() {
    PrometheusConfig basic = PrometheusConfig.custom("https://prom.example.com/prometheus")
        .basicAuth("admin", "hunter2").header("X-Scope-OrgID", "tenant-secret").build();
    PrometheusConfig bearer = PrometheusConfig.custom("https://prom.example.com").bearerToken("abc.def.ghi").build();

    assertThat(basic.toString())
        .contains("https://prom.example.com/prometheus/", "X-Scope-OrgID", "basic (hidden)")
        .doesNotContain("hunter2", "admin", "tenant-secret");
    assertThat(bearer.toString()).contains("bearer token (hidden)").doesNotContain("abc.def.ghi");
    assertThat(PrometheusClient.create(bearer).toString()).doesNotContain("abc.def.ghi");
  }

  @Test
  void refusesABaseUrlWithCredentialsWithoutRepeatingThem() {
    assertThatThrownBy(() -> PrometheusConfig.of("https://admin:hunter2@prom.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain credentials")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anUnreadableTokenFileIsPermanentAndNamesTheFile() {
    Path missing = dir.resolve("no-such-token");
    PrometheusClient client = PrometheusClient.create(config().bearerTokenFile(missing).build());

    assertThatThrownBy(() -> client.query("up", T))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("cannot read the bearer token file " + missing);
  }

  @Test
  void trustsTheServerCertificateSignedByTheAuthorityInTheCaFile() throws Exception {
    HeldCertificate authority = new HeldCertificate.Builder().certificateAuthority(0).commonName("test CA").build();
    HeldCertificate serverCertificate = new HeldCertificate.Builder().signedBy(authority)
        .addSubjectAlternativeName(server.getHostName()).addSubjectAlternativeName("localhost").build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(serverCertificate, authority.certificate()).build().sslSocketFactory());
    Path caFile = Files.writeString(dir.resolve("ca.pem"), authority.certificatePem());
    server.enqueue(new MockResponse.Builder().body(EMPTY).build());

    QueryResult result = PrometheusClient.create(config().caFile(caFile).build()).query("up", T);

    assertThat(result.series()).isEmpty();
    assertThat(server.takeRequest().getHandshake()).isNotNull();
  }

  /** Serves a certificate for {@code host} signed by {@code signer}; the client trusts only {@code trusted}, written to the returned file. */
  private Path serveCertificate(HeldCertificate signer, String host, HeldCertificate trusted) throws Exception {
    HeldCertificate serverCertificate = new HeldCertificate.Builder().signedBy(signer).addSubjectAlternativeName(host).build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(serverCertificate, signer.certificate()).build().sslSocketFactory());
    return Files.writeString(dir.resolve("ca.pem"), trusted.certificatePem());
  }

  private static PrometheusClient retryingClient(PrometheusConfig.Builder config) {
    return PrometheusClient.create(config.build());
  }

  @Test
  void aServerCertificateForAnotherHostIsAPermanentTlsFailure() throws Exception {
    HeldCertificate authority = new HeldCertificate.Builder().certificateAuthority(0).build();
    Path caFile = serveCertificate(authority, "prometheus.example.com", authority);
    PrometheusClient client = retryingClient(config().caFile(caFile));

    assertThatThrownBy(() -> client.query("up", T))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("TLS handshake")
        .hasMessageContaining("caFile " + caFile)
        .hasMessageContaining("names the host '" + server.getHostName() + "'");
  }

  @Test
  void aServerCertificateFromAnotherAuthorityIsAPermanentTlsFailure() throws Exception {
    HeldCertificate other = new HeldCertificate.Builder().certificateAuthority(0).build();
    Path caFile = serveCertificate(other, server.getHostName(), new HeldCertificate.Builder().certificateAuthority(0).build());
    PrometheusClient client = retryingClient(config().caFile(caFile));

    assertThatThrownBy(() -> client.query("up", T))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("TLS handshake")
        .hasMessageContaining("check that the server's certificate is signed by an authority in caFile " + caFile);
  }

  @Test
  void aHandshakeThatTheServerCutsShortIsTransient() throws Exception {
    HeldCertificate authority = new HeldCertificate.Builder().certificateAuthority(0).build();
    Path caFile = Files.writeString(dir.resolve("ca.pem"), authority.certificatePem());
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      AtomicInteger handshakesCut = new AtomicInteger();
      Thread closer = new Thread(() -> cutEveryHandshake(listener, handshakesCut), "cut-handshakes");
      closer.setDaemon(true);
      closer.start();
      PrometheusClient client = PrometheusClient.create(PrometheusConfig.custom("https://127.0.0.1:" + listener.getLocalPort())
          .caFile(caFile).build());

      assertThatThrownBy(() -> client.query("up", T))
          .isInstanceOf(TransientAdapterException.class)
          .hasMessageContaining("TLS connection to Prometheus at https://127.0.0.1:" + listener.getLocalPort());
      assertThat(handshakesCut).hasValue(1);
    }
  }

  /** Reads each client's first TLS record (its ClientHello) whole, then closes, so the client sees a clean end of stream. */
  private static void cutEveryHandshake(ServerSocket listener, AtomicInteger count) {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept()) {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[5];
        in.readFully(header);
        in.readFully(new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)]);
        count.incrementAndGet();
      } catch (IOException e) {
        // The listener was closed at the end of the test, or a client went away early.
      }
    }
  }

  @Test
  void aCaFileWithoutCertificatesIsRejectedNamingTheFile() throws Exception {
    Path caFile = Files.writeString(dir.resolve("empty.pem"), "");

    assertThatThrownBy(() -> PrometheusClient.create(config().caFile(caFile).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(caFile.toString());
  }
}
