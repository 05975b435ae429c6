package dev.canary4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canary4j.CanaryEvent;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConfig;
import dev.canary4j.kubernetes.testing.FakeApiServer;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesEventsTest {

  static final Target TARGET = Target.of("shop", "cart");
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeApiServer api = new FakeApiServer();
  KubernetesEvents events;

  @BeforeEach
  void start() {
    server.setDispatcher(api);
    api.put("/apis/apps/v1/namespaces/shop/deployments/cart",
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"cart\",\"namespace\":\"shop\"}}");
    events = new KubernetesEvents(KubeClient.create(KubeConfig.builder(server.url("/").toString()).build()), "replica-a");
  }

  List<JsonNode> stored() {
    return api.paths().stream().filter(p -> p.startsWith("/api/v1/namespaces/shop/events/")).map(api::get)
        .map(JsonNode.class::cast).toList();
  }

  @Test
  void eachDecisionIsAnEventOnTheCanaryDeploymentWithItsReason() {
    events.record(TARGET, List.of(
        new CanaryEvent.AnalysisStarted(T0, "r1", "r2", "new revision r2"),
        new CanaryEvent.TrafficShifted(T0, TrafficSplit.allPrimary(), TrafficSplit.canary(10), "step 1"),
        new CanaryEvent.PhaseChanged(T0, Phase.PROGRESSING, Phase.FAILED, "failure limit 2 reached")));

    assertThat(stored()).extracting(e -> e.path("reason").asText() + " " + e.path("type").asText())
        .containsExactlyInAnyOrder("AnalysisStarted Normal", "TrafficShifted Normal", "RolledBack Warning");
    JsonNode first = stored().get(0);
    assertThat(first.at("/involvedObject/kind").asText()).isEqualTo("Deployment");
    assertThat(first.at("/involvedObject/name").asText()).isEqualTo("cart");
    assertThat(first.at("/involvedObject/uid").asText()).isEqualTo(api.get("/apis/apps/v1/namespaces/shop/deployments/cart")
        .at("/metadata/uid").asText());
    assertThat(first.at("/source/component").asText()).isEqualTo("canary4j");
    assertThat(first.path("reportingInstance").asText()).isEqualTo("replica-a");
  }

  @Test
  void aRepeatedEventIsCountedOnOneObjectSoALongWaitDoesNotFloodTheApiServer() {
    for (int minute = 0; minute < 60; minute++) {
      events.record(TARGET, List.of(new CanaryEvent.GateAnswered(T0.plus(Duration.ofMinutes(minute)), "approval",
          GateType.CONFIRM_PROMOTION, false, false, "gate approval is closed: waiting for approval")));
    }

    assertThat(stored()).hasSize(1);
    JsonNode event = stored().get(0);
    assertThat(event.path("reason").asText()).isEqualTo("GateWaiting");
    assertThat(event.path("count").asInt()).isEqualTo(60);
    assertThat(event.path("firstTimestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(event.path("lastTimestamp").asText()).isEqualTo("2026-01-01T00:59:00Z");
  }

  @Test
  void anEventThatExpiredMeanwhileIsRecordedAnew() {
    CanaryEvent paused = new CanaryEvent.PhaseChanged(T0, Phase.PROGRESSING, Phase.PAUSED, "paused by command");
    events.record(TARGET, List.of(paused));
    api.paths().stream().filter(p -> p.contains("/events/")).toList().forEach(api::delete);

    events.record(TARGET, List.of(paused));

    assertThat(stored()).singleElement().satisfies(e -> assertThat(e.path("count").asInt()).isEqualTo(1));
  }
}
