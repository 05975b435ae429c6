package dev.canary4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.spi.PermanentAdapterException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigFingerprintTest {

  static final String DEPLOY = "/apis/apps/v1/namespaces/shop/deployments/cart";
  static final String CM = "/api/v1/namespaces/shop/configmaps/";
  static final String SECRET = "/api/v1/namespaces/shop/secrets/";

  static final String DEPLOYMENT = """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"cart","namespace":"shop","generation":4},
       "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"cart"}},"spec":{
         "volumes":[{"name":"cfg","configMap":{"name":"cart-config"}},
                    {"name":"tls","secret":{"secretName":"cart-tls"}},
                    {"name":"all","projected":{"sources":[{"configMap":{"name":"shared","optional":true}},
                                                           {"secret":{"name":"cart-token"}}]}}],
         "initContainers":[{"name":"migrate","image":"cart:1","envFrom":[{"configMapRef":{"name":"migrations"}}]}],
         "containers":[{"name":"cart","image":"cart:1",
            "env":[{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}},
                   {"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"cart-config","key":"mode"}}},
                   {"name":"PLAIN","value":"x"}],
            "envFrom":[{"secretRef":{"name":"extras","optional":true}}]}]}}}}
      """;

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  ConfigFingerprint fingerprint;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    fingerprint = new ConfigFingerprint(KubeClient.create(KubeConfig.builder(server.url("/").toString()).build()));
    api.put(DEPLOY, DEPLOYMENT);
    api.put(CM + "cart-config", "{\"metadata\":{\"name\":\"cart-config\"},\"data\":{\"mode\":\"fast\",\"level\":\"info\"}}");
    api.put(CM + "migrations", "{\"metadata\":{\"name\":\"migrations\"},\"binaryData\":{\"v1.sql.gz\":\"H4sIAAAA\"}}");
    api.put(SECRET + "cart-tls", "{\"metadata\":{\"name\":\"cart-tls\"},\"type\":\"kubernetes.io/tls\",\"data\":{\"tls.crt\":\"Q0VSVA==\"}}");
    api.put(SECRET + "cart-token", "{\"metadata\":{\"name\":\"cart-token\"},\"data\":{\"token\":\"dG9r\"}}");
    api.put(SECRET + "db", "{\"metadata\":{\"name\":\"db\"},\"data\":{\"password\":\"cHc=\"}}");
  }

  @Test
  void findsEveryKindOfReferenceAndWhereItIsUsed() throws Exception {
    List<ConfigReference> refs = ConfigReferences.of(new ObjectMapper().readTree(DEPLOYMENT).at("/spec/template"));

    assertThat(refs).extracting(r -> r.kind() + "/" + r.name() + (r.optional() ? "?" : "")).containsExactly(
        "ConfigMap/cart-config", "Secret/cart-tls", "ConfigMap/shared?", "Secret/cart-token", "ConfigMap/migrations",
        "Secret/db", "Secret/extras?");
    assertThat(refs.get(0).usedAt()).containsExactly("spec.template.spec.volumes[0].configMap",
        "spec.template.spec.containers[0].env[1].valueFrom.configMapKeyRef");
  }

  @Test
  void isStableAcrossKeyOrderAndSkipsMissingOptionalReferences() {
    String first = fingerprint.compute("shop", "cart").sha256();
    api.put(CM + "cart-config", "{\"data\":{\"level\":\"info\",\"mode\":\"fast\"},\"metadata\":{\"name\":\"cart-config\"}}");

    assertThat(fingerprint.compute("shop", "cart").sha256()).isEqualTo(first).hasSize(64);
  }

  @Test
  void changesWhenReferencedDataChanges() {
    String before = fingerprint.compute("shop", "cart").sha256();

    api.put(CM + "cart-config", "{\"metadata\":{\"name\":\"cart-config\"},\"data\":{\"mode\":\"slow\",\"level\":\"info\"}}");
    String afterData = fingerprint.compute("shop", "cart").sha256();
    api.put(CM + "migrations", "{\"metadata\":{\"name\":\"migrations\"},\"binaryData\":{\"v1.sql.gz\":\"H4sIAAAB\"}}");
    String afterBinary = fingerprint.compute("shop", "cart").sha256();
    api.put(SECRET + "db", "{\"metadata\":{\"name\":\"db\"},\"data\":{\"password\":\"bmV3\"}}");
    String afterSecret = fingerprint.compute("shop", "cart").sha256();
    api.put(CM + "shared", "{\"metadata\":{\"name\":\"shared\"},\"data\":{\"a\":\"b\"}}");
    String afterOptionalAppeared = fingerprint.compute("shop", "cart").sha256();

    assertThat(List.of(before, afterData, afterBinary, afterSecret, afterOptionalAppeared)).doesNotHaveDuplicates();
  }

  @Test
  void changesWhenThePodTemplateChanges() {
    String before = fingerprint.compute("shop", "cart").sha256();
    api.put(DEPLOY, DEPLOYMENT.replace("\"image\":\"cart:1\",\n", "\"image\":\"cart:2\",\n").replace("cart:1\",\n            \"env", "cart:2\",\n            \"env"));

    assertThat(fingerprint.compute("shop", "cart").sha256()).isNotEqualTo(before);
  }

  @Test
  void aMissingRequiredReferenceNamesItAndWhereItIsUsed() {
    api.put(DEPLOY, DEPLOYMENT.replace("\"name\":\"db\"", "\"name\":\"db-v2\""));

    assertThatThrownBy(() -> fingerprint.compute("shop", "cart"))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessage("Deployment shop/cart requires Secret 'db-v2' (at spec.template.spec.containers[0].env[0]"
            + ".valueFrom.secretKeyRef), which does not exist; create it or mark the reference optional");
  }

  @Test
  void annotatesThePodTemplateOnceAndTheAnnotationDoesNotChangeTheFingerprint() throws Exception {
    ConfigFingerprint.Result result = fingerprint.annotate("shop", "cart");

    assertThat(api.get(DEPLOY).at("/spec/template/metadata/annotations").path(ConfigFingerprint.ANNOTATION).asText())
        .isEqualTo(result.sha256());
    assertThat(api.get(DEPLOY).at("/spec/template/metadata/labels/app").asText()).isEqualTo("cart");
    int requests = server.getRequestCount();
    assertThat(fingerprint.annotate("shop", "cart").sha256()).isEqualTo(result.sha256());
    for (int i = 0; i < server.getRequestCount(); i++) {
      assertThat(server.takeRequest().getMethod()).as("request %d", i).isIn(i == requests - 1 ? List.of("PATCH") : List.of("GET"));
    }
  }

  @Test
  void canonicalHashSortsKeysAtEveryLevel() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest("{\"a\":[{\"x\":1,\"y\":2}],\"b\":\"c\"}".getBytes(StandardCharsets.UTF_8)));

    assertThat(CanonicalJson.sha256(json.readTree("{\"b\":\"c\",\"a\":[{\"y\":2,\"x\":1}]}"))).isEqualTo(expected);
  }
}
