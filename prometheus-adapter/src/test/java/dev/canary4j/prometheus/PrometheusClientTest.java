package dev.canary4j.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The query API client's protocol and error handling against a scripted server. */
class PrometheusClientTest {
  static final Instant T = Instant.parse("2023-11-14T22:13:20.500Z");

  @StartStop
  final MockWebServer server = new MockWebServer();

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse vector(String result) {
    return json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}");
  }

  PrometheusConfig.Builder config(String path) {
    return PrometheusConfig.custom(server.url(path).toString());
  }

  PrometheusClient client() {
    return PrometheusClient.create(config("/").build());
  }

  @Test
  void sendsAnInstantQueryAsAPostFormUnderTheBaseUrlsPathPrefix() throws Exception {
    server.enqueue(vector(""));

    PrometheusClient.create(config("/mimir/prometheus").build()).query("up{job=\"a b\"}", T);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/mimir/prometheus/api/v1/query");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(request.getBody().utf8()).isEqualTo("query=up%7Bjob%3D%22a+b%22%7D&time=1700000000.5");
  }

  @Test
  void sendsARangeQueryWithStartEndStepAndTheQueryTimeout() throws Exception {
    server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"));

    PrometheusClient.create(config("/").queryTimeout(Duration.ofSeconds(20)).build())
        .queryRange("up", T.minusSeconds(300), T, Duration.ofSeconds(60));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/query_range");
    assertThat(request.getBody().utf8()).isEqualTo("query=up&start=1699999700.5&end=1700000000.5&step=60&timeout=20");
  }

  @Test
  void readsAVectorWithLabelsAndTheSpecialValues() {
    server.enqueue(vector("{\"metric\":{\"pod\":\"a\",\"job\":\"x\"},\"value\":[1700000000.25,\"1.5\"]},"
        + "{\"metric\":{\"pod\":\"b\"},\"value\":[1700000000,\"NaN\"]},"
        + "{\"metric\":{\"pod\":\"c\"},\"value\":[1700000000,\"+Inf\"]},"
        + "{\"metric\":{\"pod\":\"d\"},\"value\":[1700000000,\"-Inf\"]}"));

    QueryResult result = client().query("x", T);

    assertThat(result.type()).isEqualTo(ResultType.VECTOR);
    assertThat(result.series()).hasSize(4);
    assertThat(result.series().get(0).labels()).containsExactly(Map.entry("job", "x"), Map.entry("pod", "a"));
    assertThat(result.series().get(0).timestampAt(0)).isEqualTo(1_700_000_000_250L);
    assertThat(result.series().get(0).valueAt(0)).isEqualTo(1.5);
    assertThat(result.series().get(1).valueAt(0)).isNaN();
    assertThat(result.series().get(2).valueAt(0)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(result.series().get(3).valueAt(0)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void readsAMatrixScalarAndString() {
    server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
        + "{\"metric\":{},\"values\":[[1700000000,\"1\"],[1700000060,\"2e3\"]]}]}}"));
    server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000.001,\"42\"]}}"));
    server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1700000000,\"hello\"]}}"));

    QueryResult matrix = client().queryRange("x", T, T, Duration.ofMinutes(1));
    QueryResult scalar = client().query("42", T);
    QueryResult string = client().query("\"hello\"", T);

    assertThat(matrix.series().get(0).timestamps()).containsExactly(1_700_000_000_000L, 1_700_000_060_000L);
    assertThat(matrix.series().get(0).values()).containsExactly(1.0, 2000.0);
    assertThat(scalar.type()).isEqualTo(ResultType.SCALAR);
    assertThat(scalar.series().get(0).labels()).isEmpty();
    assertThat(scalar.series().get(0).timestampAt(0)).isEqualTo(1_700_000_000_001L);
    assertThat(scalar.series().get(0).valueAt(0)).isEqualTo(42.0);
    assertThat(string.type()).isEqualTo(ResultType.STRING);
    assertThat(string.text()).isEqualTo("hello");
  }

  @Test
  void surfacesWarnings() {
    server.enqueue(json(200, "{\"status\":\"success\",\"warnings\":[\"partial response: store b down\"],"
        + "\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));

    assertThat(client().query("x", T).warnings()).containsExactly("partial response: store b down");
  }

  @Test
  void badDataIsPermanentWithPrometheusMessageAndTheQueryAndIsNotRetried() {
    server.enqueue(json(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unclosed left parenthesis\"}"));

    assertThatThrownBy(() -> client().query("sum(x", T))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("HTTP 400 (bad_data): 1:5: parse error: unclosed left parenthesis")
        .hasMessageContaining("query: sum(x");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void executionErrorIsPermanent() {
    server.enqueue(json(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing would load too many samples\"}"));

    assertThatThrownBy(() -> client().query("sum(rate(x[5m]))", T))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("(execution): query processing would load too many samples")
        .hasMessageContaining("sum(rate(x[5m]))");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aQueryTimeoutIsTransientAndTriedOnce() {
    server.enqueue(json(503, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}"));
    server.enqueue(vector("{\"metric\":{},\"value\":[1700000000,\"7\"]}"));

    assertThatThrownBy(() -> client().query("x", T)).isInstanceOf(TransientAdapterException.class)
        .hasMessageContaining("(timeout): query timed out in expression evaluation");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anInterruptedQueryIsTransientAndNotRetried() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"overloaded\"}"));
    }
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> client().query("x", T))
          .isInstanceOf(TransientAdapterException.class).hasMessageContaining("interrupted").hasMessageContaining("query: x");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(server.getRequestCount()).isLessThanOrEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aServerErrorIsTransientAndTriedOnceSinceTheCallerOwnsRetries() {
    server.enqueue(json(500, "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"boom\"}"));
    server.enqueue(vector(""));

    assertThatThrownBy(() -> client().query("x", T))
        .isInstanceOf(TransientAdapterException.class)
        .hasMessageContaining("HTTP 500 (internal): boom");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aNonJsonBodyIsReportedWithTheStatusAndTheStartOfTheBody() {
    server.enqueue(new MockResponse.Builder().code(502).body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());
    server.enqueue(new MockResponse.Builder().code(200).body("<html>login required</html>").build());
    PrometheusClient once = PrometheusClient.create(config("/").build());

    assertThatThrownBy(() -> once.query("x", T))
        .isInstanceOf(TransientAdapterException.class)
        .hasMessageContaining("HTTP 502")
        .hasMessageContaining("the body starts with: '<html><body><h1>502 Bad Gateway</h1></body></html>'");
    assertThatThrownBy(() -> once.query("x", T))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("HTTP 200")
        .hasMessageContaining("'<html>login required</html>'");
  }

  @Test
  void aWrongPathPrefixIsAPermanent404QuotingTheBody() {
    server.enqueue(new MockResponse.Builder().code(404).body("404 page not found\n").build());

    assertThatThrownBy(() -> client().query("x", T))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("the body starts with: '404 page not found'");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tooManyRequestsIsTransientWithTheRetryAfterInSecondsOrAsADate() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").body("rate limited").build());
    String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(10));
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", date).body("down").build());

    assertThatThrownBy(() -> client().query("x", T)).isInstanceOfSatisfying(TransientAdapterException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
    assertThatThrownBy(() -> client().query("x", T)).isInstanceOfSatisfying(TransientAdapterException.class,
        e -> assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10)));
  }

  @Test
  void requestTimeoutIsTransientWhateverTheBody() {
    server.enqueue(new MockResponse.Builder().code(408).body("<html>408 Request Time-out</html>").build());
    server.enqueue(json(408, "{\"status\":\"error\",\"errorType\":\"proxy\",\"error\":\"upstream request timeout\"}"));

    assertThatThrownBy(() -> client().query("x", T)).isInstanceOf(TransientAdapterException.class).hasMessageContaining("HTTP 408");
    assertThatThrownBy(() -> client().query("x", T)).isInstanceOf(TransientAdapterException.class).hasMessageContaining("HTTP 408");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void jsonThatIsNotTheApiEnvelopeIsPermanentAndQuoted() {
    server.enqueue(json(403, "{\"message\":\"tenant not allowed\"}"));

    assertThatThrownBy(() -> client().query("x", T))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("with a 'status' field")
        .hasMessageContaining("{\"message\":\"tenant not allowed\"}");
  }

  @Test
  void aReadTimeoutIsTransient() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    PrometheusClient impatient = PrometheusClient.create(config("/").readTimeout(Duration.ofMillis(100)).build());

    assertThatThrownBy(() -> impatient.query("x", T))
        .isInstanceOf(TransientAdapterException.class)
        .hasMessageContaining("timed out")
        .hasMessageContaining("query: x");
  }

  @Test
  void aDroppedConnectionIsTransient() {
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());

    assertThatThrownBy(() -> client().query("x", T)).isInstanceOf(TransientAdapterException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void sendsExtraHeadersWithEveryRequest() throws Exception {
    server.enqueue(vector(""));

    PrometheusClient.create(config("/").header("X-Scope-OrgID", "team-a").build()).query("x", T);

    assertThat(server.takeRequest().getHeaders().values("X-Scope-OrgID")).isEqualTo(List.of("team-a"));
  }

  @Test
  void aStalledQueryIsCutOffWhenTheCallBudgetRunsOut() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    }
    PrometheusClient client = PrometheusClient.create(config("/").readTimeout(Duration.ofSeconds(2))
        .callBudget(Duration.ofMillis(300)).build());

    assertThatThrownBy(() -> client.query("x", T))
        .isInstanceOf(TransientAdapterException.class)
        .hasMessageContaining("timed out");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

}
