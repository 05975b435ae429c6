package dev.canary4j.runner;

import static dev.canary4j.test.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.test.RunnerFixture;
import dev.canary4j.gate.WebhookGate;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** A gate endpoint (or a proxy before it) that echoes the request's url and headers in its error pages. */
class HostileGateAnswersTest {
  static final String URL_TOKEN = "qtok-81f0c2d9a7";
  static final String PASSWORD = "gate-pass-5521";
  static final String BEARER = "bearer-tok-77e1aa09";
  static final String COOKIE = "sid-0c93bb1e2f";

  @StartStop
  final MockWebServer server = new MockWebServer();
  final RunnerFixture f = new RunnerFixture();
  final AtomicInteger calls = new AtomicInteger();

  @Test
  void secretsOfTheGateCallAppearInNoEventNoLogLineAndNoAnswer() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String echo = "<pre>" + request.getRequestLine() + "\n" + request.getHeaders() + "\nurl " + request.getUrl() + "</pre>";
        // First a retryable failure (the runner retries it), then a refusal that closes the gate.
        return new MockResponse.Builder().code(calls.getAndIncrement() == 0 ? 503 : 403).body(echo).build();
      }
    });
    OkHttpClient authenticating = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2))
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("Authorization", "Bearer " + BEARER).header("Cookie", "session=" + COOKIE).build()))
        .build();
    URI url = URI.create("http://hook:" + PASSWORD + "@" + server.getHostName() + ":" + server.getPort()
        + "/approve?token=" + URL_TOKEN);
    StringWriter log = new StringWriter();
    CanaryRunner runner = f.builder().webhookGate(new WebhookGate(authenticating)).listener(new DecisionLog(log)).build();
    runner.register(RunnerFixture.twoSteps().gate(new GateSpec("approval", GateType.CONFIRM_PROMOTION, url, null, null, 2, null))
        .build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    for (int i = 0; i < 3; i++) {
      runner.tick(ID);
    }

    assertThat(calls).hasValue(2);
    assertThat(f.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RunnerEvent.CallRetried.class,
        r -> assertThat(r.reason()).contains("HTTP 503").contains("<redacted>")));
    assertThat(log.toString()).contains("HTTP 403");
    for (String secret : List.of(URL_TOKEN, PASSWORD, BEARER, COOKIE)) {
      assertThat(log.toString()).as("decision log").doesNotContain(secret);
      for (RunnerEvent event : f.events()) {
        assertThat(event.toString()).as(event.getClass().getSimpleName()).doesNotContain(secret);
      }
    }
  }
}
