package dev.canary4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.policy.LimitKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryStateTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private final CanaryState full = new CanaryState(Phase.PROGRESSING, Phase.PROGRESSING, LimitKind.FAILURE, "v2", "v1",
      2, 1, TrafficSplit.canary(30), new Counters(1, 2, 3, 4), T0, T0, Map.of("go", T0), List.of(), List.of(),
      Map.of());

  @Test
  void eachChangeSetsOnlyTheComponentsItNames() {
    CanaryState progressed = full.toBuilder().progressAt(T1).build();
    assertThat(progressed.progressAt()).isEqualTo(T1);
    assertThat(progressed).usingRecursiveComparison().ignoringFields("progressAt").isEqualTo(full);

    CanaryState moved = full.toBuilder().phase(Phase.WAITING_PROMOTION, T1).build();
    assertThat(moved.phase()).isEqualTo(Phase.WAITING_PROMOTION);
    assertThat(moved.phaseSince()).isEqualTo(T1);
    assertThat(moved).usingRecursiveComparison().ignoringFields("phase", "phaseSince").isEqualTo(full);

    CanaryState revised = full.toBuilder().revisions("v3", "v2").build();
    assertThat(revised.revision()).isEqualTo("v3");
    assertThat(revised.primaryRevision()).isEqualTo("v2");
    assertThat(revised).usingRecursiveComparison().ignoringFields("revision", "primaryRevision").isEqualTo(full);

    CanaryState stepped = full.toBuilder().step(3, 0).build();
    assertThat(stepped.step()).isEqualTo(3);
    assertThat(stepped.stepPasses()).isZero();
    assertThat(stepped).usingRecursiveComparison().ignoringFields("step", "stepPasses").isEqualTo(full);

    assertThat(full.toBuilder().gateWaits(Map.of()).build()).usingRecursiveComparison().ignoringFields("gateWaits")
        .isEqualTo(full);
    assertThat(full.toBuilder().pause(null, null).build()).usingRecursiveComparison()
        .ignoringFields("resumePhase", "pausedBy").isEqualTo(full);
  }

  @Test
  void aCopyLeavesTheOriginalAsItWasAndSharesTheCollectionsItDoesNotChange() {
    CanaryState copy = full.toBuilder().step(3, 0).remember(new HistoryEntry(T1, Phase.PROGRESSING, 40, "next")).build();

    assertThat(full.step()).isEqualTo(2);
    assertThat(full.history()).isEmpty();
    assertThat(copy.gateWaits()).isSameAs(full.gateWaits());
    assertThat(copy.lastVerdicts()).isSameAs(full.lastVerdicts());
    assertThat(copy.evidence()).isSameAs(full.evidence());
  }

  @Test
  void theHistoryKeepsTheNewestEntriesUpToItsLimit() {
    CanaryState s = full;
    for (int i = 0; i < CanaryState.HISTORY_LIMIT + 5; i++) {
      s = s.toBuilder().remember(new HistoryEntry(T0.plusSeconds(i), Phase.PROGRESSING, 30, "entry " + i)).build();
    }

    assertThat(s.history()).hasSize(CanaryState.HISTORY_LIMIT);
    assertThat(s.history().get(0).reason()).isEqualTo("entry 5");
    assertThat(s).usingRecursiveComparison().ignoringFields("history").isEqualTo(full);
  }

  @Test
  void entriesRememberedTogetherAreAppendedInOrderAndTheOldestDropped() {
    List<HistoryEntry> older = new ArrayList<>();
    for (int i = 0; i < CanaryState.HISTORY_LIMIT - 1; i++) {
      older.add(new HistoryEntry(T0.plusSeconds(i), Phase.PROGRESSING, 30, "old " + i));
    }
    CanaryState nearlyFull = full.toBuilder().build();
    CanaryState.Builder b = nearlyFull.toBuilder();
    older.forEach(b::remember);
    nearlyFull = b.build();

    CanaryState.Builder three = nearlyFull.toBuilder();
    for (int i = 0; i < 3; i++) {
      three.remember(new HistoryEntry(T1.plusSeconds(i), Phase.PROGRESSING, 40, "new " + i));
    }
    // Built twice: the entries are joined once, not appended again.
    three.build();
    List<HistoryEntry> history = three.build().history();

    assertThat(history).hasSize(CanaryState.HISTORY_LIMIT);
    assertThat(history.get(0).reason()).isEqualTo("old 2");
    assertThat(history.subList(CanaryState.HISTORY_LIMIT - 3, CanaryState.HISTORY_LIMIT))
        .extracting(HistoryEntry::reason).containsExactly("new 0", "new 1", "new 2");
  }

  @Test
  void twoStatesChangedFromOneStateKeepTheirOwnHistories() {
    CanaryState base = full;
    for (int i = 0; i < CanaryState.HISTORY_LIMIT + 30; i++) {
      base = base.toBuilder().remember(new HistoryEntry(T0.plusSeconds(i), Phase.PROGRESSING, 30, "entry " + i)).build();
    }
    List<HistoryEntry> before = List.copyOf(base.history());

    CanaryState left = base.toBuilder().remember(new HistoryEntry(T1, Phase.PROGRESSING, 40, "left")).build();
    CanaryState right = base.toBuilder().remember(new HistoryEntry(T1, Phase.FAILED, 0, "right")).build();
    CanaryState leftAgain = left.toBuilder().remember(new HistoryEntry(T1, Phase.PROGRESSING, 50, "left again")).build();

    assertThat(base.history()).isEqualTo(before);
    assertThat(left.history()).hasSize(CanaryState.HISTORY_LIMIT).endsWith(before.get(before.size() - 1),
        new HistoryEntry(T1, Phase.PROGRESSING, 40, "left"));
    assertThat(right.history()).hasSize(CanaryState.HISTORY_LIMIT).last().extracting(HistoryEntry::reason).isEqualTo("right");
    assertThat(leftAgain.history().subList(CanaryState.HISTORY_LIMIT - 2, CanaryState.HISTORY_LIMIT))
        .extracting(HistoryEntry::reason).containsExactly("left", "left again");
    assertThat(left.history().get(0)).isEqualTo(before.get(1));
    assertThat(left).isEqualTo(new CanaryState(left.phase(), left.resumePhase(), left.pausedBy(), left.revision(),
        left.primaryRevision(), left.step(), left.stepPasses(), left.split(), left.counters(), left.phaseSince(),
        left.progressAt(), left.gateWaits(), left.lastVerdicts(), new ArrayList<>(left.history()), left.evidence()));
    assertThatThrownBy(() -> left.history().add(before.get(0))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theAnalysisPhaseIsThePhaseOrWhilePausedThePhaseItResumesTo() {
    assertThat(full.analysisPhase()).isEqualTo(Phase.PROGRESSING);
    assertThat(full.toBuilder().phase(Phase.PAUSED, T1).pause(Phase.WAITING_PROMOTION, null).build().analysisPhase())
        .isEqualTo(Phase.WAITING_PROMOTION);
    assertThat(full.toBuilder().phase(Phase.PAUSED, T1).pause(null, null).build().analysisPhase())
        .isEqualTo(Phase.PAUSED);
  }
}
