package dev.canary4j.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Action;
import dev.canary4j.AnalysisOutcome;
import dev.canary4j.CanaryEvent;
import dev.canary4j.Command;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.LimitKind;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.testing.Driver;
import dev.canary4j.testing.Policies;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void rollsBackInTheSameTickWhenFailureLimitIsReached() {
    Driver d = Driver.started(Policies.flaggerLike().limits(new Limits(Limit.rollbackAt(2), null, null, null)).build());
    d.tick();

    d.tick(VerdictLabel.FAIL_LOW);
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
    d.tick(VerdictLabel.FAIL_LOW);

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.state().split()).isEqualTo(TrafficSplit.allPrimary());
    assertThat(d.last().actions()).contains(new Action.SetTraffic(TrafficSplit.allPrimary()));
    assertThat(d.last().actions()).anyMatch(a -> a instanceof Action.RollBack);
    assertThat(d.events(CanaryEvent.LimitReached.class)).singleElement()
        .satisfies(e -> assertThat(e.limit()).isEqualTo(LimitKind.FAILURE));
  }

  @Test
  void aRollbackLimitReachedInTheSameTickAsAPauseLimitRollsBackAndBothAreReported() {
    Driver d = Driver.started(Policies.flaggerLike()
        .limits(new Limits(Limit.pauseAt(3), Limit.rollbackAt(3), null, null)).build());
    d.tick();

    d.tick(VerdictLabel.FAIL_LOW);
    d.tick(VerdictLabel.FAIL_LOW);
    d.tick(VerdictLabel.FAIL_LOW);

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.events(CanaryEvent.LimitReached.class)).extracting(CanaryEvent.LimitReached::limit)
        .containsExactly(LimitKind.FAILURE, LimitKind.CONSECUTIVE_FAILURE);
  }

  @Test
  void failureLimitCountsTotalFailuresEvenWithPassesInBetween() {
    Driver d = Driver.started(Policies.flaggerLike().limits(new Limits(Limit.rollbackAt(3), null, null, null)).build());
    d.tick();

    d.tick(VerdictLabel.FAIL_HIGH);
    d.tick(VerdictLabel.PASS);
    d.tick(VerdictLabel.FAIL_HIGH);
    d.tick(VerdictLabel.PASS);
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
    d.tick(VerdictLabel.FAIL_HIGH);

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
  }

  @Test
  void consecutiveFailureLimitResetsOnAPassingTick() {
    Driver d = Driver.started(Policies.flaggerLike()
        .limits(new Limits(Limit.rollbackAt(10), Limit.rollbackAt(2), null, null)).build());
    d.tick();

    d.tick(VerdictLabel.FAIL_LOW);
    d.tick(VerdictLabel.PASS);
    d.tick(VerdictLabel.FAIL_LOW);
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(d.state().counters().consecutiveFailures()).isEqualTo(1);
    d.tick(VerdictLabel.FAIL_LOW);

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.events(CanaryEvent.LimitReached.class)).extracting(CanaryEvent.LimitReached::limit)
        .containsExactly(LimitKind.CONSECUTIVE_FAILURE);
  }

  @Test
  void inconclusiveLimitPausesAndResumeStartsItsCounterAgain() {
    Driver d = Driver.started(Policies.flaggerLike().limits(new Limits(null, null, Limit.pauseAt(2), null)).build());
    d.tick();
    d.tick(VerdictLabel.NO_DATA);
    d.tick(VerdictLabel.NO_DATA);

    assertThat(d.phase()).isEqualTo(Phase.PAUSED);
    assertThat(d.state().pausedBy()).isEqualTo(LimitKind.INCONCLUSIVE);
    assertThat(d.canaryWeight()).isEqualTo(10);

    d.send(new Input.Manual(Command.RESUME, "ops"));
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(d.state().counters().inconclusive()).isZero();
    d.tick(VerdictLabel.PASS);
    assertThat(d.canaryWeight()).isEqualTo(20);
  }

  @Test
  void providerErrorsCountTowardErrorLimitNotFailures() {
    Driver d = Driver.started(Policies.flaggerLike().limits(new Limits(null, null, null, Limit.rollbackAt(2))).build());
    d.tick();
    d.tick(VerdictLabel.ERROR);

    assertThat(d.state().counters().errors()).isEqualTo(1);
    assertThat(d.state().counters().failures()).isZero();
    assertThat(d.canaryWeight()).isEqualTo(10);
    d.tick(VerdictLabel.ERROR);
    assertThat(d.phase()).isEqualTo(Phase.FAILED);
  }

  @Test
  void aMissingVerdictCountsAsAProviderError() {
    Driver d = Driver.started(Policies.canary());
    d.tick();

    d.tick(List.of(Verdict.of("request-success-rate", VerdictLabel.PASS, 99.9, 99.9, ">= 99", "ok", false)));

    assertThat(d.state().lastVerdicts()).extracting(Verdict::metric, Verdict::label)
        .contains(org.assertj.core.groups.Tuple.tuple("request-duration", VerdictLabel.ERROR));
    assertThat(d.state().counters().errors()).isEqualTo(1);
  }

  @Test
  void noDataFailsWhenTheMetricSaysFail() {
    Driver d = Driver.started(Policies.flaggerLike()
        .metrics(List.of(MetricCheck.successRate(99).withOnNoData(NoDataPolicy.FAIL))).build());
    d.tick();
    d.tick(VerdictLabel.NO_DATA);

    assertThat(d.state().counters().failures()).isEqualTo(1);
    assertThat(d.events(CanaryEvent.AnalysisJudged.class)).last()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(AnalysisOutcome.FAIL));
  }

  @Test
  void noDataIsLeftOutWhenTheMetricSaysIgnore() {
    Driver d = Driver.started(Policies.flaggerLike()
        .metrics(List.of(MetricCheck.successRate(99).withOnNoData(NoDataPolicy.IGNORE))).build());
    d.tick();
    d.tick(VerdictLabel.NO_DATA);

    assertThat(d.canaryWeight()).isEqualTo(20);
    assertThat(d.state().lastVerdicts()).extracting(Verdict::label).containsExactly(VerdictLabel.NO_DATA);
  }

  @Test
  void aFailingCriticalMetricRollsBackAtOnceWhateverTheLimits() {
    Driver d = Driver.started(Policies.flaggerLike()
        .metrics(List.of(MetricCheck.successRate(99), MetricCheck.latencyP99(500).withCritical(true)))
        .limits(new Limits(Limit.rollbackAt(10), null, null, null)).build());
    d.tick();

    d.tick(List.of(
        Verdict.of("request-success-rate", VerdictLabel.PASS, 99.9, 99.9, ">= 99", "ok", false),
        Verdict.of("request-duration", VerdictLabel.FAIL_HIGH, 900.0, 100.0, "<= 500", "too slow", true)));

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.state().counters().failures()).isEqualTo(1);
  }

  @Test
  void analysisIsNotStartedBeforeTheFirstTrafficShift() {
    Driver d = Driver.started(Policies.canary());

    assertThat(dev.canary4j.CanaryMachine.plan(Policies.canary(), d.state()).analyse()).isFalse();
    d.tick();
    assertThat(dev.canary4j.CanaryMachine.plan(Policies.canary(), d.state()).analyse()).isTrue();
  }
}
