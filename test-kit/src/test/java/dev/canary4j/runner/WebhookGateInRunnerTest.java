package dev.canary4j.runner;

import static dev.canary4j.runner.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.GateResult;
import dev.canary4j.Phase;
import dev.canary4j.gate.WebhookGate;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class WebhookGateInRunnerTest {

  @StartStop
  private final MockWebServer server = new MockWebServer();

  private final RunnerFixture f = new RunnerFixture();

  private CanaryRunner runner() {
    CanaryRunner runner = f.builder()
        .webhookGate(new WebhookGate(new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build(), Duration.ZERO))
        .build();
    runner.register(RunnerFixture.twoSteps().gate(new GateSpec("approval", GateType.CONFIRM_PROMOTION,
        server.url("/approve").uri(), null, null, 0, null)).build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    runner.tick(ID);
    runner.tick(ID);
    return runner;
  }

  @Test
  void aWebhookAnswering2xxLetsThePromotionThrough() {
    server.enqueue(new MockResponse.Builder().code(200).body("go").build());

    RunnerEvent.Decided decided = runner().tick(ID);

    assertThat(decided.gates()).containsEntry("approval", GateResult.open("HTTP 200: go"));
    assertThat(decided.state().phase()).isEqualTo(Phase.PROMOTING);
  }

  @Test
  void aWebhookAnswering4xxHoldsThePromotion() {
    server.enqueue(new MockResponse.Builder().code(409).body("change freeze").build());

    RunnerEvent.Decided decided = runner().tick(ID);

    assertThat(decided.gates()).containsEntry("approval", GateResult.closed("HTTP 409: change freeze"));
    assertThat(decided.state().phase()).isEqualTo(Phase.WAITING_PROMOTION);
  }

  @Test
  void anUnreachableWebhookCountsAsAClosedGate() {
    CanaryRunner runner = runner();
    server.close();

    RunnerEvent.Decided decided = runner.tick(ID);

    assertThat(decided.gates().get("approval").open()).isFalse();
    assertThat(decided.gates().get("approval").message()).contains("could not be reached");
    assertThat(decided.state().phase()).isEqualTo(Phase.WAITING_PROMOTION);
  }

  @Test
  void postRolloutWebhooksAreNotifiedAfterThePromotionAndTheirAnswersRecorded() throws Exception {
    CanaryRunner runner = f.builder()
        .webhookGate(new WebhookGate(new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build(), Duration.ZERO))
        .build();
    runner.register(RunnerFixture.twoSteps().gate(new GateSpec("notify", GateType.POST_ROLLOUT,
        server.url("/done").uri(), null, null, 0, null)).build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    server.enqueue(new MockResponse.Builder().code(500).body("ignored").build());

    f.tickUntilDone(runner, 10);

    assertThat(runner.status(ID).phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(server.takeRequest().getBody().utf8()).contains("\"type\":\"post-rollout\"")
        .contains("\"phase\":\"SUCCEEDED\"");
    assertThat(f.events).filteredOn(e -> e instanceof RunnerEvent.GatesNotified).singleElement()
        .satisfies(e -> assertThat(((RunnerEvent.GatesNotified) e).answers())
            .containsEntry("notify", GateResult.closed("HTTP 500: ignored")));
  }

  @Test
  void eventWebhooksReceiveEveryEventWithItsTypeAndMessage() throws Exception {
    CanaryRunner runner = f.builder()
        .webhookGate(new WebhookGate(new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build(), Duration.ZERO))
        .build();
    runner.register(RunnerFixture.twoSteps().gate(new GateSpec("slack", GateType.EVENT,
        server.url("/events").uri(), null, null, 0, java.util.Map.of("channel", "deploys"))).build());
    for (int i = 0; i < 10; i++) {
      server.enqueue(new MockResponse.Builder().code(202).build());
    }

    RunnerEvent.Decided initialised = runner.observeRevision(ID, "v1");
    RunnerEvent.Decided decided = runner.observeRevision(ID, "v2");

    assertThat(decided.events()).isNotEmpty();
    assertThat(server.getRequestCount()).isEqualTo(initialised.events().size() + decided.events().size());
    String first = server.takeRequest().getBody().utf8();
    assertThat(first).contains("\"channel\":\"deploys\"").contains("\"eventType\":\"")
        .contains("\"eventMessage\":\"");
    assertThat(f.events).anySatisfy(e -> assertThat(e).isInstanceOf(RunnerEvent.GatesNotified.class));
    assertThat(decided.state().phase()).isEqualTo(Phase.PROGRESSING);
  }
}
