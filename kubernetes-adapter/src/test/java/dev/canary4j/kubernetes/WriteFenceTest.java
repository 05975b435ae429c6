package dev.canary4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class WriteFenceTest {

  static final ObjectMapper JSON = new ObjectMapper();
  final WriteFence fence = new WriteFence();

  static ObjectNode route(int weight) {
    ObjectNode o = JSON.createObjectNode();
    o.putObject("metadata").put("name", "podinfo");
    o.putObject("spec").put("weight", weight);
    return o;
  }

  @Test
  void anEditOfACallOvertakenByALaterOneIsRefused() {
    WriteFence.Ticket late = fence.begin("test/podinfo");
    WriteFence.Ticket later = fence.begin("test/podinfo");

    assertThat(later.fence(route(0), route(10))).isEqualTo(route(10));
    assertThatThrownBy(() -> late.fence(route(0), route(50)))
        .isInstanceOf(WriteFence.SupersededWriteException.class)
        .hasMessageContaining("test/podinfo")
        .hasMessageContaining("later call");
    assertThat(late.isCurrent()).isFalse();
  }

  @Test
  void callsOnOtherObjectsDoNotSupersedeEachOther() {
    WriteFence.Ticket one = fence.begin("test/podinfo");
    fence.begin("test/other");

    assertThat(one.fence(route(0), route(10))).isEqualTo(route(10));
  }

  @Test
  void anUnchangedEditOvertakingARunningCallBumpsTheAnnotationSoTheRunningCallsPreconditionFails() {
    WriteFence.Ticket running = fence.begin("test/podinfo");
    WriteFence.Ticket later = fence.begin("test/podinfo");

    ObjectNode once = later.fence(route(0), route(0));
    ObjectNode twice = fence.begin("test/podinfo").fence(once, once.deepCopy());

    assertThat(once.at("/metadata/annotations/canary4j.dev~1write-fence").asText()).isEqualTo("1");
    assertThat(twice.at("/metadata/annotations/canary4j.dev~1write-fence").asText()).isEqualTo("2");
    assertThat(once.path("spec")).isEqualTo(route(0).path("spec"));
    running.close();
  }

  @Test
  void anUnchangedEditIsNotWrittenWhenNoEarlierCallIsRunning() {
    fence.begin("test/podinfo").close();
    try (WriteFence.Ticket alone = fence.begin("test/podinfo")) {
      assertThat(alone.fence(route(0), route(0))).isEqualTo(route(0));
    }
  }

  @Test
  void closingATicketTwiceCountsItOnce() {
    WriteFence.Ticket first = fence.begin("test/podinfo");
    WriteFence.Ticket second = fence.begin("test/podinfo");
    first.close();
    first.close();

    // second still runs, so a third call overtakes it and must write.
    assertThat(fence.begin("test/podinfo").fence(route(0), route(0)).path("metadata").has("annotations")).isTrue();
    second.close();
  }
}
