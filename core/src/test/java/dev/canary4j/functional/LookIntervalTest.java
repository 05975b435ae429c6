package dev.canary4j.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.Action;
import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.testing.Driver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Judges that look more often than the weight steps, and a test that must decide before promotion. */
class LookIntervalTest {

  private static final CanaryPolicy POLICY = CanaryPolicy.builder().target("shop", "podinfo")
      .strategy(CanaryStrategy.linear(10, 30)).interval(Duration.ofMinutes(1)).lookInterval(Duration.ofSeconds(20))
      .metric(MetricCheck.successRate(99)).build();

  private static Verdict passing(boolean holdsPromotion) {
    return new Verdict(MetricCheck.REQUEST_SUCCESS_RATE, VerdictLabel.PASS, 99.9, 99.9, ">= 99", "ok", false,
        holdsPromotion ? Map.of(Verdict.HOLDS_PROMOTION, 1.0) : Map.of());
  }

  @Test
  void theWeightStepsOncePerIntervalWhileTheJudgesLookEveryLookInterval() {
    Driver d = Driver.started(POLICY);
    d.tick(VerdictLabel.PASS);
    assertThat(d.canaryWeight()).isEqualTo(10);

    d.tick(VerdictLabel.PASS);
    d.tick(VerdictLabel.PASS);
    assertThat(d.canaryWeight()).as("two looks of 20 s are not yet a minute").isEqualTo(10);
    d.tick(VerdictLabel.PASS);

    assertThat(d.canaryWeight()).isEqualTo(20);
    assertThat(POLICY.analysis().looksPerStep()).isEqualTo(3);
    assertThat(POLICY.analysis().tickInterval()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aFailingLookActsAtOnceInsteadOfWaitingForTheStep() {
    CanaryPolicy critical = POLICY.toBuilder().metrics(List.of(MetricCheck.successRate(99).withCritical(true))).build();
    Driver d = Driver.started(critical);
    d.tick(VerdictLabel.PASS);

    d.tick(VerdictLabel.FAIL_LOW);

    assertThat(d.phase()).isEqualTo(Phase.FAILED);
    assertThat(d.last().actions()).anyMatch(a -> a instanceof Action.RollBack);
  }

  @Test
  void anUndecidedTestHoldsThePromotionButNotTheSteps() {
    Driver d = Driver.started(POLICY);
    d.tick(VerdictLabel.PASS);
    for (int look = 0; look < 9; look++) {
      d.tick(List.of(passing(true)));
    }
    assertThat(d.canaryWeight()).as("the steps advance while the test is undecided").isEqualTo(30);
    assertThat(d.phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(d.allActions()).noneMatch(a -> a instanceof Action.Promote);

    d.tick(List.of(passing(false)));

    assertThat(d.last().actions()).anyMatch(a -> a instanceof Action.Promote);
  }

  @Test
  void aLookIntervalLongerThanTheIntervalIsRejected() {
    assertThatThrownBy(() -> POLICY.toBuilder().lookInterval(Duration.ofMinutes(2)).build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("analysis.lookInterval: must be at most the interval (PT1M): the judges look at least once a"
            + " step, but was PT2M");
  }

  @Test
  void looksPerStepRoundUp() {
    assertThat(POLICY.toBuilder().lookInterval(Duration.ofSeconds(25)).build().analysis().looksPerStep()).isEqualTo(3);
    assertThat(POLICY.toBuilder().lookInterval(null).build().analysis().looksPerStep()).isEqualTo(1);
  }
}
