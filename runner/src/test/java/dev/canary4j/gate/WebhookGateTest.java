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

  private final WebhookGate gate = new WebhookGate(
      new OkHttpClient.Builder().callTimeout(Duration.ofMillis(300)).build(), Duration.ZERO);

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

  @Test
  void a5xxAnswerIsRetriedAsConfiguredAndThenClosesTheGate() {
    server.enqueue(status(503, "busy"));
    server.enqueue(status(500, "boom"));
    server.enqueue(status(200, "too late"));

    GateResult result = gate.check(request(1));

    assertThat(result).isEqualTo(GateResult.closed("HTTP 500: boom (2 attempts: HTTP 503: busy; HTTP 500: boom)"));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aGateThatFailsAndThenPassesIsOpenAfterTheRetry() {
    server.enqueue(status(502, "bad gateway"));
    server.enqueue(status(204, ""));

    GateResult result = gate.check(request(2));

    assertThat(result).isEqualTo(GateResult.open("HTTP 204"));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aGateThatDoesNotAnswerInTimeIsThrownAsTransientAfterItsRetries() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertThatThrownBy(() -> gate.check(request(1)))
        .isInstanceOf(TransientAdapterException.class)
        .hasMessageContaining("Gate 'load-test'").hasMessageContaining("timed out");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anUnreachableGateIsThrownAsTransient() throws Exception {
    GateRequest request = request(0);
    server.close();

    assertThatThrownBy(() -> gate.check(request))
        .isInstanceOf(TransientAdapterException.class).hasMessageContaining("could not be reached");
  }

  @Test
  void aTimeoutAfterAFailingStatusStillReportsTheStatus() {
    server.enqueue(status(503, "draining"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertThatThrownBy(() -> gate.check(request(1)))
        .isInstanceOf(TransientAdapterException.class)
        .hasMessageContaining("timed out")
        .hasMessageContaining("HTTP 503: draining");
  }

  // PT0.25S within PT0.3S: the wait fits, but would leave the retry under 100 ms for its call.
  @ParameterizedTest
  @CsvSource({"PT5S, PT2S", "PT0.25S, PT0.3S"})
  void retriesStopWhenTheNextWaitWouldLeaveNoTimeForTheCallInTheBudget(Duration backoff, Duration budget) {
    WebhookGate slow = new WebhookGate(new OkHttpClient(), backoff, budget);
    server.enqueue(status(503, "busy"));
    server.enqueue(status(200, "too late"));

    GateResult result = slow.check(request(3));

    assertThat(result.open()).isFalse();
    assertThat(result.message()).startsWith("HTTP 503: busy").contains("no retry left within the budget of " + budget);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aStalledGateIsCutOffAtTheBudgetEvenWithoutACallTimeout() {
    WebhookGate budgeted = new WebhookGate(new OkHttpClient(), Duration.ZERO, Duration.ofMillis(300));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertThatThrownBy(() -> budgeted.check(request(0)))
        .isInstanceOf(TransientAdapterException.class).hasMessageContaining("timed out");
  }

  @Test
  void onlyTheStartOfAnAnswerIsReadSoAnEndlessBodyDoesNotHoldTheGate() {
    // After the first 2 500 bytes the body stalls for an hour: reading all of it would time out.
    server.enqueue(new MockResponse.Builder().code(403).body("x".repeat(100_000))
        .throttleBody(2_500, 1, TimeUnit.HOURS).build());

    GateResult result = gate.check(request(0));

    assertThat(result.open()).isFalse();
    assertThat(result.message()).hasSize("HTTP 403: ".length() + 500 + "...".length());
  }

  @Test
  void aBudgetOfZeroIsRefused() {
    assertThatThrownBy(() -> new WebhookGate(new OkHttpClient(), Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("budget must be greater than 0, but was PT0S");
  }

  @Test
  void anInterruptedCheckStopsRetryingAndIsThrownAsTransient() {
    server.enqueue(status(503, "busy"));
    server.enqueue(status(503, "busy"));
    server.enqueue(status(503, "busy"));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> gate.check(request(2)))
          .isInstanceOf(TransientAdapterException.class).hasMessageContaining("Interrupted while calling gate 'load-test'");
      assertThat(server.getRequestCount()).isLessThanOrEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theBackoffDoublesPerRetryAndSaturatesInsteadOfOverflowing() {
    assertThat(WebhookGate.waitBefore(2, 500)).isEqualTo(500);
    assertThat(WebhookGate.waitBefore(3, 500)).isEqualTo(1_000);
    assertThat(WebhookGate.waitBefore(5, 500)).isEqualTo(4_000);
    assertThat(WebhookGate.waitBefore(40, 500)).isEqualTo(500L << 16);
    assertThat(WebhookGate.waitBefore(40, Duration.ofDays(100).toNanos())).isEqualTo(Long.MAX_VALUE);
    assertThat(WebhookGate.waitBefore(2, 0)).isZero();
  }
}
