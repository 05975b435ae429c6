package dev.canary4j.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.GateResult;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.GateRequest;
import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookGateTest {

  @StartStop
  private final MockWebServer server = new MockWebServer();

  private final WebhookGate gate = new WebhookGate(new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build());

  private GateRequest request(int retries) {
    GateSpec spec = new GateSpec("load-test", GateType.CONFIRM_PROMOTION, server.url("/gate").uri(), null, null,
        retries, Map.of("team", "checkout"));
    return new GateRequest(Target.of("shop", "podinfo"), spec, Phase.PROGRESSING, "v2", 1, TrafficSplit.canary(25));
  }

  private static MockResponse status(int code, String body) {
    return new MockResponse.Builder().code(code).body(body).build();
  }

  @Test
  void a2xxAnswerOpensTheGateAndTheBodyDescribesTheCanary() throws Exception {
    server.enqueue(status(200, "ok"));

    GateResult result = gate.check(request(0));

    assertThat(result).isEqualTo(GateResult.open("HTTP 200: ok"));
    RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(sent.getBody().utf8()).isEqualTo("{\"name\":\"podinfo\",\"namespace\":\"shop\",\"gate\":\"load-test\","
        + "\"type\":\"confirm-promotion\",\"phase\":\"PROGRESSING\",\"revision\":\"v2\",\"step\":1,"
        + "\"weights\":{\"primary\":75,\"canary\":25,\"mirror\":0},\"metadata\":{\"team\":\"checkout\"}}");
  }

  @Test
  void a4xxAnswerClosesTheGateWithoutRetrying() {
    server.enqueue(status(403, "not during the freeze"));
    server.enqueue(status(200, "ok"));

    GateResult result = gate.check(request(2));

    assertThat(result).isEqualTo(GateResult.closed("HTTP 403: not during the freeze"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"503", "500", "429", "408"})
  void aRetryableStatusIsOneAttemptThrownAsTransientForTheRunnerToRetry(int code) {
    server.enqueue(status(code, "busy"));
    server.enqueue(status(200, "too late"));

    assertThatThrownBy(() -> gate.check(request(2)))
        .isInstanceOf(TransientAdapterException.class)
        .hasMessage("Gate 'load-test' at " + server.url("/gate") + " answered HTTP " + code + ": busy");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterInSecondsOrAsAnHttpDateIsPassedOn() {
    java.time.Instant now = java.time.Instant.parse("2026-01-01T10:00:00Z");
    WebhookGate clocked = new WebhookGate(new OkHttpClient(), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "5").build());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "Thu, 01 Jan 2026 10:02:00 GMT").build());

    assertThatThrownBy(() -> clocked.check(request(0))).isInstanceOfSatisfying(TransientAdapterException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(5)));
    assertThatThrownBy(() -> clocked.check(request(0))).isInstanceOfSatisfying(TransientAdapterException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(2)));
  }

  @Test
  void aGateThatDoesNotAnswerInTimeIsThrownAsTransient() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertThatThrownBy(() -> gate.check(request(1)))
        .isInstanceOf(TransientAdapterException.class)
        .hasMessageContaining("Gate 'load-test'").hasMessageContaining("timed out");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnreachableGateIsThrownAsTransient() throws Exception {
    GateRequest request = request(0);
    server.close();

    assertThatThrownBy(() -> gate.check(request))
        .isInstanceOf(TransientAdapterException.class).hasMessageContaining("could not be reached");
  }

  @Test
  void onlyTheStartOfAnAnswerIsReadSoAnEndlessBodyDoesNotHoldTheGate() {
    // After the first 2 500 bytes the body stalls for an hour: reading all of it would time out.
    server.enqueue(new MockResponse.Builder().code(403).body("x".repeat(100_000))
        .throttleBody(2_500, 1, TimeUnit.HOURS).build());

    GateResult result = gate.check(request(0));

    assertThat(result.open()).isFalse();
    assertThat(result.message()).startsWith("HTTP 403: xxx").endsWith("...(cut from 2048 characters)").hasSizeLessThan(400);
  }

  @Test
  void anInterruptedCheckIsThrownAsTransient() {
    server.enqueue(status(503, "busy"));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> gate.check(request(2)))
          .isInstanceOf(TransientAdapterException.class).hasMessageContaining("gate 'load-test'");
      assertThat(server.getRequestCount()).isLessThanOrEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }
}
