package dev.canary4j.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.Command;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.testing.Driver;
import dev.canary4j.testing.Policies;
import org.junit.jupiter.api.Test;

class RevisionTest {

  @Test
  void aNewRevisionMidAnalysisRestartsFromTheFirstStepWithFreshCounters() {
    Driver d = Driver.started(Policies.canary());
    d.tick();
    d.tick();
    d.tick(VerdictLabel.FAIL_LOW);
    assertThat(d.canaryWeight()).isEqualTo(20);

    var decision = d.send(new Input.RevisionObserved("v3"));

    assertThat(d.state().revision()).isEqualTo("v3");
    assertThat(d.state().step()).isEqualTo(-1);
    assertThat(d.state().counters().failures()).isZero();
    assertThat(decision.actions()).containsExactly(new Action.SetTraffic(TrafficSplit.allPrimary()),
        new Action.Prepare("v3"));
    assertThat(decision.events()).anyMatch(e -> e instanceof CanaryEvent.AnalysisStarted s
        && "v2".equals(s.previousRevision()) && "v3".equals(s.revision()));
    d.tick();
    assertThat(d.canaryWeight()).isEqualTo(10);
  }

  @Test
  void theSameRevisionObservedAgainChangesNothing() {
    Driver d = Driver.started(Policies.canary());
    d.tick();

    var decision = d.send(new Input.RevisionObserved("v2"));

    assertThat(decision.actions()).isEmpty();
    assertThat(decision.events()).isEmpty();
    assertThat(decision.state()).isEqualTo(d.decisions().get(d.decisions().size() - 2).state());
  }

  @Test
  void aFailedRevisionIsNotAnalysedAgainUntilANewOneArrives() {
    Driver d = Driver.started(Policies.canary());
    d.tick();
    for (int i = 0; i < 5; i++) {
      d.tick(VerdictLabel.FAIL_LOW);
    }
    assertThat(d.phase()).isEqualTo(Phase.FAILED);

    d.send(new Input.RevisionObserved("v2"));
    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    d.send(new Input.RevisionObserved("v3"));
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
  }

  @Test
  void revertingTheCanaryToThePrimarysRevisionEndsTheAnalysis() {
    Driver d = Driver.started(Policies.canary());
    d.tick();

    d.send(new Input.RevisionObserved("v1"));

    assertThat(d.phase()).isEqualTo(Phase.INITIALIZED);
    assertThat(d.state().split()).isEqualTo(TrafficSplit.allPrimary());
    assertThat(d.last().actions()).containsExactly(new Action.SetTraffic(TrafficSplit.allPrimary()),
        new Action.RollBack("v2", "the canary runs the primary's revision v1 again"));
  }

  @Test
  void revertingAPausedAnalysisScalesTheCanaryDownTooButAnEndedOneIsLeftAlone() {
    Driver paused = Driver.started(Policies.canary());
    paused.tick();
    paused.send(new Input.Manual(Command.PAUSE, "ops"));
    Driver ended = Driver.started(Policies.canary());
    ended.send(new Input.Manual(Command.ABORT, "ops"));

    assertThat(paused.send(new Input.RevisionObserved("v1")).actions()).contains(
        new Action.RollBack("v2", "the canary runs the primary's revision v1 again"));
    assertThat(ended.send(new Input.RevisionObserved("v1")).actions()).noneMatch(a -> a instanceof Action.RollBack);
  }

  @Test
  void aRouterThatDriftedFromTheStateIsSetBack() {
    Driver d = Driver.started(Policies.canary());
    d.tick();

    var decision = d.send(new Input.RouterObserved(TrafficSplit.allPrimary()));

    assertThat(decision.actions()).containsExactly(new Action.SetTraffic(TrafficSplit.canary(10)));
    assertThat(decision.events()).singleElement().isInstanceOf(CanaryEvent.TrafficDriftCorrected.class);
    assertThat(d.send(new Input.RouterObserved(TrafficSplit.canary(10))).actions()).isEmpty();
  }

  @Test
  void theMachineIsPureTheSameInputsGiveTheSameDecision() {
    Driver a = Driver.started(Policies.canary());
    Driver b = Driver.started(Policies.canary());
    for (int i = 0; i < 4; i++) {
      assertThat(a.tick()).isEqualTo(b.tick());
    }
  }
}
