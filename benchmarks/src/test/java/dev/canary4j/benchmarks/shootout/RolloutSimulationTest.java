package dev.canary4j.benchmarks.shootout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Keeps the shootout harness honest on a few seeds: same traffic, the real machine, plausible outcomes. */
class RolloutSimulationTest {

  private static final TrafficModel MODEL = new TrafficModel(6000, 0.005, 100, 0.5, TrafficModel.ISTIO_BUCKETS);
  private static final Scenario GOOD = new Scenario("good canary", 0.005, 1.0);
  private static final Scenario TEN_TIMES = new Scenario("errors 0.5% -> 5%", 0.05, 1.0);

  @Test
  void theFlaggerDefaultPromotesAGoodCanaryAfterFiveStepsAndRollsBackATenfoldOneAfterFiveFailedChecks() {
    RolloutSimulation.Outcome good = RolloutSimulation.run(new FlaggerDefault(MODEL), MODEL, GOOD, 7);
    RolloutSimulation.Outcome bad = RolloutSimulation.run(new FlaggerDefault(MODEL), MODEL, TEN_TIMES, 7);

    assertThat(good.ending()).isEqualTo(RolloutSimulation.Ending.PROMOTED);
    assertThat(good.minutes()).isEqualTo(6.0);
    assertThat(bad.ending()).isEqualTo(RolloutSimulation.Ending.ROLLED_BACK);
    assertThat(bad.minutes()).isEqualTo(6.0);
    assertThat(bad.canaryRequests()).isBetween(2500L, 3500L);
  }

  @Test
  void withFlaggersTimingTheRollbackComesOneIntervalLaterAndTheCanaryServesThatIntervalToo() {
    for (long seed = 1; seed <= 5; seed++) {
      RolloutSimulation.Outcome machine = RolloutSimulation.run(new FlaggerDefault(MODEL), MODEL, TEN_TIMES, seed);
      RolloutSimulation.Outcome flagger = RolloutSimulation.run(new FlaggerDefault(MODEL, true), MODEL, TEN_TIMES, seed);
      RolloutSimulation.Outcome good = RolloutSimulation.run(new FlaggerDefault(MODEL, true), MODEL, GOOD, seed);

      assertThat(flagger.ending()).isEqualTo(RolloutSimulation.Ending.ROLLED_BACK);
      assertThat(flagger.minutes()).isEqualTo(machine.minutes() + 1);
      // one more minute at 10 %: about 600 requests, about 5 % of them failed
      assertThat(flagger.canaryRequests() - machine.canaryRequests()).as("seed %d", seed).isBetween(500L, 700L);
      assertThat(flagger.canaryErrors() - machine.canaryErrors()).as("seed %d", seed).isBetween(10L, 60L);
      assertThat(good).isEqualTo(RolloutSimulation.run(new FlaggerDefault(MODEL), MODEL, GOOD, seed));
    }
  }

  @Test
  void holdingWhileUndecidedKeepsABadCanaryAtTheFirstStepUntilTheTestFailsIt() {
    Scenario fourTimes = new Scenario("errors 0.5% -> 2%", 0.02, 1.0);
    for (long seed = 1; seed <= 5; seed++) {
      RolloutSimulation.Outcome held = RolloutSimulation.run(new SequentialPolicy(MODEL, 0.25, Duration.ofSeconds(20),
          dev.canary4j.judge.sequential.SequentialConfig.WhileUndecided.HOLD), MODEL, fourTimes, seed);

      assertThat(held.ending()).as("seed %d", seed).isEqualTo(RolloutSimulation.Ending.ROLLED_BACK);
      // 10 % of 100 requests/s: at most 10 canary requests a second for as long as it was held
      assertThat((double) held.canaryRequests()).as("seed %d", seed).isLessThanOrEqualTo(held.minutes() * 60 * 10 * 1.2);
    }
  }

  @Test
  void theSameSeedGivesTheSameOutcome() {
    Contestant sequential = new SequentialPolicy(MODEL, 0.0, Duration.ofSeconds(20));

    assertThat(RolloutSimulation.run(sequential, MODEL, TEN_TIMES, 3))
        .isEqualTo(RolloutSimulation.run(sequential, MODEL, TEN_TIMES, 3));
  }

  @Test
  void theSequentialJudgeRollsBackATenfoldCanaryAtItsFirstLooks() {
    for (long seed = 1; seed <= 20; seed++) {
      RolloutSimulation.Outcome outcome = RolloutSimulation.run(new SequentialPolicy(MODEL, 0.25, Duration.ofMinutes(1)),
          MODEL, TEN_TIMES, seed);
      assertThat(outcome.ending()).as("seed %d", seed).isEqualTo(RolloutSimulation.Ending.ROLLED_BACK);
      assertThat(outcome.minutes()).as("seed %d", seed).isLessThanOrEqualTo(3.0);
    }
  }

  @Test
  void theTwoSidedDesignLooksEveryTenSecondsStepsEveryMinuteAndDecidesBeforePromoting() {
    Contestant twoSided = SequentialPolicy.twoSided(MODEL, Duration.ofSeconds(10));
    Scenario fourTimes = new Scenario("errors 0.5% -> 2%", 0.02, 1.0);
    for (long seed = 1; seed <= 5; seed++) {
      RolloutSimulation.Outcome good = RolloutSimulation.run(twoSided, MODEL, GOOD, seed);
      RolloutSimulation.Outcome bad = RolloutSimulation.run(twoSided, MODEL, fourTimes, seed);

      assertThat(good.ending()).as("seed %d", seed).isEqualTo(RolloutSimulation.Ending.PROMOTED);
      // five one-minute steps at least; the tests may hold the promotion a little longer
      assertThat(good.minutes()).as("seed %d", seed).isBetween(5.0, 15.0);
      assertThat(bad.ending()).as("seed %d", seed).isEqualTo(RolloutSimulation.Ending.ROLLED_BACK);
      assertThat(bad.minutes() * 6).as("seed %d: a look ends every 10 s", seed).isEqualTo(Math.rint(bad.minutes() * 6));
      assertThat(bad.canaryRequests()).as("seed %d", seed).isLessThan(3000L);
    }
  }

  @Test
  void theShootoutRunsEveryContestantOnEveryScenarioAtEachRate() {
    assertThat(Shootout.scenarios()).hasSize(6);
    assertThat(Shootout.contestants(MODEL)).extracting(Contestant::name).hasSize(9).doesNotHaveDuplicates()
        .contains("Flagger default", "Flagger default, Flagger's timing", "Mann-Whitney per interval")
        .anyMatch(name -> name.startsWith("Two-sided SPRT"));
    // the latency rows' bound counts requests above the primary's p95 bucket: about 112 for +30 %, 500 for +15 %
    assertThat(Shootout.sprtBound(MODEL, Shootout.scenarios().get(5))).isBetween(105.0, 120.0);
    assertThat(Shootout.sprtBound(MODEL, Shootout.scenarios().get(4))).isBetween(480.0, 520.0);
    assertThat(Shootout.sprtBound(MODEL, Shootout.scenarios().get(2))).isBetween(340.0, 360.0);
  }

  @Test
  void anIntervalThatIsNotAMultipleOfTheTrafficWindowIsRefused() {
    Contestant odd = new SequentialPolicy(MODEL, 0.25, Duration.ofSeconds(15));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RolloutSimulation.run(odd, MODEL, GOOD, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval must be a multiple of PT10S, but was PT15S");
  }
}
