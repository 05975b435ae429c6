package dev.canary4j.prometheus.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Target;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusConfig;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.runner.CallPolicy;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.DecisionLog;
import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.simulation.InMemoryRouter;
import dev.canary4j.simulation.InMemoryWorkloads;
import dev.canary4j.simulation.SimulatedClock;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import dev.canary4j.store.InMemoryStateStore;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Credentials;
import org.junit.jupiter.api.Test;

/** Answers of a hostile or broken server in front of Prometheus: echoed secrets, huge bodies, long Retry-After. */
class PrometheusHostileAnswersTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  static final String TOKEN = "tok-3f9a1c77e0b24d5e";
  static final String TENANT = "tenant-77aa91bc";
  static final String PASSWORD = "pa55-word-xyz-41";

  @StartStop
  final MockWebServer server = new MockWebServer();

  /** A proxy error page that prints every request header it got, as some do. */
  void echoHeaders() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
            .body("<html><pre>502 upstream failed\n" + request.getHeaders() + "\ncookie-jar: session=" + TOKEN
                + "\nurl: http://alice:" + PASSWORD + "@prom/?access_token=" + TOKEN + "</pre></html>").build();
      }
    });
  }

  static List<String> secrets() {
    return List.of(TOKEN, TENANT, PASSWORD, Credentials.basic("alice", PASSWORD).substring("Basic ".length()));
  }

  static void assertNoSecretIn(String where, String text) {
    for (String secret : secrets()) {
      assertThat(text).as(where).doesNotContain(secret);
    }
  }

  static void assertNoSecretInChain(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertNoSecretIn("message of " + t.getClass().getName(), String.valueOf(t.getMessage()));
      assertNoSecretIn("toString of " + t.getClass().getName(), t.toString());
      for (Throwable suppressed : t.getSuppressed()) {
        assertNoSecretInChain(suppressed);
      }
    }
  }

  static MetricQuery errorsQuery() {
    return new MetricQuery(Target.of("shop", "api"), MetricCheck.named("errors").withMax(1.0)
        .withQuery("sum(rate(http_errors_total{app=\"{{ target }}\"}[{{ interval }}]))"), T, Duration.ofMinutes(5), false);
  }

  @Test
  void aBearerTokenAndHeaderValuesEchoedByAProxyAppearInNoException() {
    echoHeaders();
    PrometheusClient client = PrometheusClient.create(PrometheusConfig.custom(server.url("/").toString())
        .bearerToken(TOKEN).header("X-Scope-OrgID", TENANT).build());

    Throwable thrown = catchThrowable(() -> PrometheusMetricSource.create(client).measure(errorsQuery()));

    assertThat(thrown).isInstanceOf(TransientAdapterException.class).hasMessageContaining("HTTP 502")
        .hasMessageContaining("502 upstream failed");
    assertNoSecretInChain(thrown);
    assertNoSecretIn("client", client.toString());
  }

  @Test
  void aBasicAuthPasswordEchoedByAProxyAppearsInNoException() {
    echoHeaders();
    PrometheusClient client = PrometheusClient.create(PrometheusConfig.custom(server.url("/").toString())
        .basicAuth("alice", PASSWORD).build());

    Throwable thrown = catchThrowable(() -> client.query("up", T));

    assertThat(thrown).isInstanceOf(TransientAdapterException.class);
    assertNoSecretInChain(thrown);
  }

  @Test
  void echoedSecretsReachNeitherTheRunnersEventsNorItsDecisionLog() {
    echoHeaders();
    PrometheusClient client = PrometheusClient.create(PrometheusConfig.custom(server.url("/").toString())
        .bearerToken(TOKEN).header("X-Scope-OrgID", TENANT).build());
    List<RunnerEvent> events = new ArrayList<>();
    StringWriter log = new StringWriter();
    SimulatedClock clock = new SimulatedClock(T);
    CanaryRunner runner = CanaryRunner.builder().clock(clock).router(new InMemoryRouter())
        .workloads(new InMemoryWorkloads()).store(new InMemoryStateStore())
        .metrics(PrometheusMetricSource.create(client))
        .callPolicy(CallPolicy.ofDefaults().withRetries(2, Duration.ofMillis(1)))
        .listener(events::add).listener(new DecisionLog(log)).build();
    runner.register(CanaryPolicy.builder().target("shop", "api").strategy(CanaryStrategy.linear(50, 50))
        .interval(Duration.ofMinutes(1)).metric(errorsQuery().metric()).build());
    runner.observeRevision("shop/api", "v1");
    runner.observeRevision("shop/api", "v2");
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(1));
      runner.tick("shop/api");
    }

    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(RunnerEvent.CallRetried.class));
    assertThat(log.toString()).contains("HTTP 502");
    for (RunnerEvent event : events) {
      assertNoSecretIn("event " + event.getClass().getSimpleName(), event.toString());
    }
    assertNoSecretIn("decision log", log.toString());
    runner.close();
  }

  @Test
  void aBaseUrlWithACredentialInItsQueryIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> PrometheusConfig.custom("https://prom.example/?access_token=" + TOKEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://prom.example/?<redacted>")
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> PrometheusConfig.custom("https://alice:" + PASSWORD + "@prom.example/"))
        .hasMessageNotContaining(PASSWORD);
  }

  /** 20 000 series, about 1.4 MB, streamed in chunks without a length, above a 256 KiB limit. */
  @Test
  void anAnswerAboveTheSizeLimitIsAShortPermanentErrorNamingTheLimitAndTheMetric() {
    StringBuilder body = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    for (int i = 0; i < 20_000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"metric\":{\"pod\":\"api-").append(i).append("\",\"path\":\"/x/").append(i)
          .append("\"},\"value\":[1767225600,\"1\"]}");
    }
    body.append("]}}");
    server.enqueue(new MockResponse.Builder().chunkedBody(body.toString(), 8192).build());
    server.enqueue(new MockResponse.Builder().body(body.toString()).build());
    PrometheusClient client = PrometheusClient.create(PrometheusConfig.custom(server.url("/").toString())
        .maxResponseBytes(256 * 1024).build());

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> PrometheusMetricSource.create(client).measure(errorsQuery()))
          .isInstanceOf(PermanentAdapterException.class)
          .hasMessageContaining("metric 'errors'")
          .hasMessageContaining("maxResponseBytes (262144 bytes)")
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
    }
  }

  @Test
  void aDefaultSizeLimitLeavesRoomForLargeAnswersYetBoundsThem() {
    assertThat(PrometheusConfig.of("http://prom").maxResponseBytes()).isEqualTo(32L * 1024 * 1024);
  }

  @Test
  void aSeriesListingInAnErrorIsBoundedHoweverManySeriesCameBack() {
    StringBuilder body = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    for (int i = 0; i < 5_000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"metric\":{\"pod\":\"api-").append(i).append("\"},\"value\":[1767225600,\"1\"]}");
    }
    body.append("]}}");
    server.enqueue(new MockResponse.Builder().body(body.toString()).build());

    assertThatThrownBy(() -> PrometheusMetricSource.create(PrometheusClient.create(PrometheusConfig.of(server.url("/").toString())))
        .measure(errorsQuery()))
        .isInstanceOf(PermanentAdapterException.class)
        .hasMessageContaining("and 4997 more")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1500));
  }

  @Test
  void aRetryAfterBeyondTheRunnersCallBudgetEndsTheMeasurementAtOnceSayingSo() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").body("slow down").build());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").body("busy").build());
    List<RunnerEvent> events = new ArrayList<>();
    SimulatedClock clock = new SimulatedClock(T);
    CanaryRunner runner = CanaryRunner.builder().clock(clock).router(new InMemoryRouter())
        .workloads(new InMemoryWorkloads()).store(new InMemoryStateStore())
        .metrics(PrometheusMetricSource.create(PrometheusClient.create(PrometheusConfig.of(server.url("/").toString()))))
        .callPolicy(CallPolicy.ofDefaults().withRetries(3, Duration.ofMillis(1)).withCallBudget(Duration.ofSeconds(10)))
        .listener(events::add).build();
    runner.register(CanaryPolicy.builder().target("shop", "api").strategy(CanaryStrategy.linear(50, 50))
        .interval(Duration.ofMinutes(1)).metric(errorsQuery().metric()).build());
    runner.observeRevision("shop/api", "v1");
    runner.observeRevision("shop/api", "v2");
    long started = System.nanoTime();

    RunnerEvent.Decided decided = null;
    for (int i = 0; i < 3 && (decided == null || decided.verdicts().isEmpty()); i++) {
      clock.advance(Duration.ofMinutes(1));
      decided = runner.tick("shop/api");
    }

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(decided.verdicts()).singleElement().satisfies(v -> assertThat(v.reason())
        .contains("HTTP 429").contains("not retried: the remote asked to wait 120000 ms, more than the")
        .contains("call budget of 10000 ms"));
    assertThat(events).noneMatch(e -> e instanceof RunnerEvent.CallRetried);
    runner.close();
  }
}
