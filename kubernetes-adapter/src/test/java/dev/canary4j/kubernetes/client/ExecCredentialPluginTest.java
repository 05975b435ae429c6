package dev.canary4j.kubernetes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canary4j.kubernetes.testing.ApiResponses;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.kubernetes.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecCredentialPluginTest {

  static final String CM = "/api/v1/namespaces/shop/configmaps/cart";
  static final String V1 = "client.authentication.k8s.io/v1";

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  @TempDir Path dir;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    api.put(CM, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cart\",\"namespace\":\"shop\"}}");
  }

  /** A plugin script under {@code bin/} that counts its runs and answers {@code status}, with %d as the run number. */
  Path plugin(String apiVersion, String status) throws Exception {
    Path script = dir.resolve("bin/creds.sh");
    Files.createDirectories(script.getParent());
    Files.writeString(dir.resolve("answer.json"),
        "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"ExecCredential\",\"status\":" + status + "}");
    Files.writeString(script, """
        #!/bin/sh
        n=$(( $(cat "%1$s/runs" 2>/dev/null || echo 0) + 1 ))
        echo $n > "%1$s/runs"
        printf '%%s' "$KUBERNETES_EXEC_INFO" > "%1$s/request.json"
        echo "$@ $GREETING" > "%1$s/argv"
        sed "s/%%d/$n/g" "%1$s/answer.json"
        """.formatted(dir));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  int runs() throws Exception {
    return Files.exists(dir.resolve("runs")) ? Integer.parseInt(Files.readString(dir.resolve("runs")).strip()) : 0;
  }

  Path kubeconfig(String server, String cluster, String exec) throws Exception {
    Path config = dir.resolve("config");
    Files.writeString(config, """
        apiVersion: v1
        kind: Config
        current-context: eks
        clusters:
        - name: eks
          cluster: {server: "%s"%s}
        users:
        - name: eks-user
          user:
            exec: %s
        contexts:
        - name: eks
          context: {cluster: eks, user: eks-user, namespace: shop}
        """.formatted(server, cluster, exec));
    return config;
  }

  static String get(KubeConfig config) {
    return KubeClient.builder(config).maxAttempts(1).build().get(KubeResource.CONFIG_MAPS, "shop", "cart")
        .path("kind").asText();
  }

  @Test
  void aKubeconfigWithAnExecUserReachesTheApiServerWithThePluginsToken() throws Exception {
    plugin(V1, "{\"token\":\"tok-%d\"}");
    Path config = kubeconfig(server.url("/").toString(), ", extensions: [{name: client.authentication.k8s.io/exec, "
        + "extension: {audience: kube}}]", """
        {apiVersion: client.authentication.k8s.io/v1, command: ./bin/creds.sh, args: [--region, eu-west-1],
         env: [{name: GREETING, value: hello}], interactiveMode: Never, provideClusterInfo: true}""");

    assertThat(get(KubeconfigLoader.load(List.of(config), null))).isEqualTo("ConfigMap");

    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(runs()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("argv")).strip()).isEqualTo("--region eu-west-1 hello");
    JsonNode request = new ObjectMapper().readTree(dir.resolve("request.json").toFile());
    assertThat(request.path("apiVersion").asText()).isEqualTo(V1);
    assertThat(request.path("kind").asText()).isEqualTo("ExecCredential");
    assertThat(request.at("/spec/interactive").asBoolean(true)).isFalse();
    assertThat(request.at("/spec/cluster/server").asText()).isEqualTo(server.url("/").toString());
    assertThat(request.at("/spec/cluster/config/audience").asText()).isEqualTo("kube");
  }

  @Test
  void withoutProvideClusterInfoThePluginIsNotToldTheCluster() throws Exception {
    plugin(V1, "{\"token\":\"tok-%d\"}");
    Path config = kubeconfig(server.url("/").toString(), "",
        "{apiVersion: client.authentication.k8s.io/v1, command: ./bin/creds.sh, interactiveMode: IfAvailable}");

    get(KubeconfigLoader.load(List.of(config), null));

    assertThat(new ObjectMapper().readTree(dir.resolve("request.json").toFile()).path("spec").has("cluster")).isFalse();
  }

  @Test
  void theTokenIsCachedUntilItsExpirationTimestamp() throws Exception {
    plugin(V1, "{\"token\":\"tok-%d\",\"expirationTimestamp\":\"2030-01-01T00:00:00Z\"}");
    MutableClock clock = new MutableClock(Instant.parse("2029-12-31T23:58:00Z"));
    ExecCredentialPlugin exec = plugin(clock, "{apiVersion: client.authentication.k8s.io/v1, command: ./bin/creds.sh, "
        + "interactiveMode: Never}");

    assertThat(exec.token()).contains("tok-1");
    clock.advance(Duration.ofSeconds(119));
    assertThat(exec.token()).contains("tok-1");
    assertThat(runs()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(exec.token()).contains("tok-2");
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void aRefusedTokenRunsThePluginAgainAndTheRequestIsRepeatedOnce() throws Exception {
    plugin(V1, "{\"token\":\"tok-%d\"}");
    Path config = kubeconfig(server.url("/").toString(), "",
        "{apiVersion: client.authentication.k8s.io/v1, command: ./bin/creds.sh, interactiveMode: Never}");
    KubeClient client = KubeClient.builder(KubeconfigLoader.load(List.of(config), null)).maxAttempts(1).build();
    client.get(KubeResource.CONFIG_MAPS, "shop", "cart");
    api.enqueue(ApiResponses.status(401, "Unauthorized", "Unauthorized", null));

    assertThat(client.get(KubeResource.CONFIG_MAPS, "shop", "cart").path("kind").asText()).isEqualTo("ConfigMap");

    assertThat(List.of(server.takeRequest(), server.takeRequest(), server.takeRequest()))
        .extracting(r -> r.getHeaders().get("Authorization"))
        .containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-2");
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void aMissingCommandIsAnErrorWithTheInstallHint() throws Exception {
    Path config = kubeconfig(server.url("/").toString(), "", """
        {apiVersion: client.authentication.k8s.io/v1beta1, command: aws-iam-authenticator-not-installed,
         installHint: "Install aws-iam-authenticator: see https://docs.aws.example/install"}""");
    KubeConfig loaded = KubeconfigLoader.load(List.of(config), null);

    assertThatThrownBy(() -> get(loaded)).isInstanceOf(KubeUnauthorizedException.class)
        .hasMessageContaining("user 'eks-user': exec plugin 'aws-iam-authenticator-not-installed' could not be run")
        .hasMessageContaining("Install aws-iam-authenticator: see https://docs.aws.example/install");
  }

  @Test
  void interactiveModeAlwaysIsRefusedBecauseAControllerHasNoTerminal() throws Exception {
    Path config = kubeconfig(server.url("/").toString(), "",
        "{apiVersion: client.authentication.k8s.io/v1, command: ./bin/creds.sh, interactiveMode: Always}");

    assertThatThrownBy(() -> KubeconfigLoader.load(List.of(config), null))
        .hasMessageContaining("user 'eks-user'.exec.interactiveMode: Always needs a terminal");
  }

  @Test
  void anAnswerOfTheWrongVersionOrWithoutCredentialsNamesWhatIsWrong() throws Exception {
    plugin("client.authentication.k8s.io/v1beta1", "{}");
    ExecCredentialPlugin exec = plugin(new MutableClock(Instant.EPOCH),
        "{apiVersion: client.authentication.k8s.io/v1, command: ./bin/creds.sh, interactiveMode: Never}");

    assertThatThrownBy(exec::token)
        .hasMessageContaining("apiVersion: expected client.authentication.k8s.io/v1 as in the kubeconfig")
        .hasMessageContaining("status: expected a token or both clientCertificateData and clientKeyData");
  }

  @Test
  void aClientCertificateInTheAnswerIsPresentedInTls() throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("cluster-ca").build();
    HeldCertificate serverCert = new HeldCertificate.Builder().signedBy(ca)
        .addSubjectAlternativeName(server.getHostName()).build();
    HeldCertificate client = new HeldCertificate.Builder().signedBy(ca).commonName("exec-user").build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(serverCert, ca.certificate())
        .addTrustedCertificate(ca.certificate()).build().sslSocketFactory());
    server.requireClientAuth();
    ObjectNode status = new ObjectMapper().createObjectNode().put("clientCertificateData", client.certificatePem())
        .put("clientKeyData", client.privateKeyPkcs8Pem());
    plugin("client.authentication.k8s.io/v1beta1", status.toString());
    Path config = kubeconfig(server.url("/").toString(), ", certificate-authority-data: " + java.util.Base64
        .getEncoder().encodeToString(ca.certificatePem().getBytes()), """
        {apiVersion: client.authentication.k8s.io/v1beta1, command: ./bin/creds.sh}""");

    assertThat(get(KubeconfigLoader.load(List.of(config), null))).isEqualTo("ConfigMap");

    assertThat(((X509Certificate) server.takeRequest().getHandshake().peerCertificates().get(0))
        .getSubjectX500Principal().getName()).isEqualTo("CN=exec-user");
  }

  ExecCredentialPlugin plugin(MutableClock clock, String execYaml) throws Exception {
    return ExecCredentialPlugin.fromKubeconfig(new YAMLMapper().readTree(execYaml), dir,
        new ObjectMapper().createObjectNode(), "user 'u'", clock);
  }
}
