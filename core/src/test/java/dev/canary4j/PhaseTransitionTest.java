package dev.canary4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PhaseTransitionTest {

  @Test
  void everyPairOfPhasesIsEitherListedOrThrowsWithFromAndTo() {
    Set<String> listed = EnumSet.allOf(PhaseTransition.class).stream()
        .map(t -> t.from() + ">" + t.to()).collect(Collectors.toSet());
    int legal = 0;
    for (Phase from : Phase.values()) {
      for (Phase to : Phase.values()) {
        if (from == to) {
          assertThat(PhaseTransition.isLegal(from, to)).isTrue();
          continue;
        }
        if (listed.contains(from + ">" + to)) {
          assertThat(PhaseTransition.of(from, to).from()).isEqualTo(from);
          assertThat(PhaseTransition.of(from, to).to()).isEqualTo(to);
          assertThat(PhaseTransition.isLegal(from, to)).isTrue();
          legal++;
        } else {
          assertThatThrownBy(() -> PhaseTransition.of(from, to))
              .isInstanceOfSatisfying(IllegalPhaseTransitionException.class, e -> {
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to);
              })
              .hasMessage("Illegal canary phase transition from " + from + " to " + to);
          assertThat(PhaseTransition.isLegal(from, to)).isFalse();
        }
      }
    }
    assertThat(legal).isEqualTo(PhaseTransition.values().length);
  }

  @Test
  void noPhaseLeadsBackToInitializing() {
    assertThat(PhaseTransition.values()).noneMatch(t -> t.to() == Phase.INITIALIZING);
  }

  @Test
  void aSucceededRolloutCanOnlyBeLeftByANewAnalysis() {
    assertThat(PhaseTransition.values()).filteredOn(t -> t.from() == Phase.SUCCEEDED)
        .extracting(PhaseTransition::to).containsExactlyInAnyOrder(Phase.WAITING, Phase.PROGRESSING);
  }
}
