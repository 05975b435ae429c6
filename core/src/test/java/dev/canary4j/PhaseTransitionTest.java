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

  /**
   * The table itself, written out, so that adding or dropping a
   * move is a deliberate change to this test too.
   */
  @Test
  void theLegalMovesAreExactlyTheDocumentedOnes() {
    String table = """
        INITIALIZING > INITIALIZED
        INITIALIZED > WAITING PROGRESSING
        WAITING > PROGRESSING PROMOTING PAUSED FAILED ABORTED INITIALIZED
        PROGRESSING > WAITING WAITING_PROMOTION PROMOTING PAUSED FAILED ABORTED INITIALIZED
        WAITING_PROMOTION > WAITING PROGRESSING PROMOTING PAUSED FAILED ABORTED INITIALIZED
        PROMOTING > FINALISING PAUSED WAITING PROGRESSING INITIALIZED
        FINALISING > SUCCEEDED PAUSED WAITING PROGRESSING INITIALIZED
        PAUSED > WAITING PROGRESSING WAITING_PROMOTION PROMOTING FINALISING FAILED ABORTED INITIALIZED
        SUCCEEDED > WAITING PROGRESSING
        FAILED > WAITING PROGRESSING PROMOTING INITIALIZED
        ABORTED > WAITING PROGRESSING PROMOTING INITIALIZED
        """;
    Set<String> expected = new java.util.TreeSet<>();
    for (String line : table.strip().split("\n")) {
      String[] fromTo = line.split(" > ");
      for (String to : fromTo[1].split(" ")) {
        expected.add(fromTo[0] + ">" + to);
      }
    }

    Set<String> listed = new java.util.TreeSet<>();
    EnumSet.allOf(PhaseTransition.class).forEach(t -> listed.add(t.from() + ">" + t.to()));

    assertThat(listed).isEqualTo(expected);
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
