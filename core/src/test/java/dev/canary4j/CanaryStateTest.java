package dev.canary4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryStateTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private final CanaryState full = new CanaryState(Phase.PROGRESSING, Phase.PROGRESSING, "failureLimit", "v2", "v1",
      2, 1, TrafficSplit.canary(30), new Counters(1, 2, 3, 4), T0, T0, Map.of("go", T0), List.of(), List.of(),
      Map.of());

  @Test
  void eachChangeSetsOnlyTheComponentsItNames() {
    CanaryState progressed = full.withProgressAt(T1);
    assertThat(progressed.progressAt()).isEqualTo(T1);
    assertThat(progressed).usingRecursiveComparison().ignoringFields("progressAt").isEqualTo(full);

    CanaryState moved = full.withPhase(Phase.WAITING_PROMOTION, T1);
    assertThat(moved.phase()).isEqualTo(Phase.WAITING_PROMOTION);
    assertThat(moved.phaseSince()).isEqualTo(T1);
    assertThat(moved).usingRecursiveComparison().ignoringFields("phase", "phaseSince").isEqualTo(full);

    CanaryState revised = full.withRevisions("v3", "v2");
    assertThat(revised.revision()).isEqualTo("v3");
    assertThat(revised.primaryRevision()).isEqualTo("v2");
    assertThat(revised).usingRecursiveComparison().ignoringFields("revision", "primaryRevision").isEqualTo(full);

    CanaryState stepped = full.withStep(3, 0);
    assertThat(stepped.step()).isEqualTo(3);
    assertThat(stepped.stepPasses()).isZero();
    assertThat(stepped).usingRecursiveComparison().ignoringFields("step", "stepPasses").isEqualTo(full);

    assertThat(full.withGateWaits(Map.of())).usingRecursiveComparison().ignoringFields("gateWaits").isEqualTo(full);
    assertThat(full.withPause(null, null)).usingRecursiveComparison().ignoringFields("resumePhase", "pausedBy")
        .isEqualTo(full);
  }

  @Test
  void theHistoryKeepsTheNewestEntriesUpToItsLimit() {
    CanaryState s = full;
    for (int i = 0; i < CanaryState.HISTORY_LIMIT + 5; i++) {
      s = s.withHistory(new HistoryEntry(T0.plusSeconds(i), Phase.PROGRESSING, 30, "entry " + i));
    }

    assertThat(s.history()).hasSize(CanaryState.HISTORY_LIMIT);
    assertThat(s.history().get(0).reason()).isEqualTo("entry 5");
    assertThat(s).usingRecursiveComparison().ignoringFields("history").isEqualTo(full);
  }
}
