package dev.canary4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

  @Test
  void aFailingListenerDoesNotStopTheOthersAndIsReportedToThem() {
    EventPublisher publisher = new EventPublisher();
    List<RunnerEvent> seen = new ArrayList<>();
    publisher.subscribe(e -> {
      throw new IllegalStateException("disk full");
    });
    publisher.subscribe(seen::add);
    RunnerEvent event = new RunnerEvent.TickFailed("shop/podinfo", RunnerFixture.T0, "store down");

    publisher.publish(event);

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).isInstanceOf(RunnerEvent.ListenerFailed.class);
    assertThat(((RunnerEvent.ListenerFailed) seen.get(0)).reason()).isEqualTo("IllegalStateException: disk full");
    assertThat(seen.get(1)).isEqualTo(event);
  }
}
