package dev.canary4j.runner;

import static dev.canary4j.test.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.CanaryState;
import dev.canary4j.Phase;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.Target;
import dev.canary4j.simulation.InMemoryRouter;
import dev.canary4j.simulation.InMemoryWorkloads;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.MetricSource;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.StateStore;
import dev.canary4j.spi.StoredState;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.spi.Workloads;
import dev.canary4j.store.InMemoryStateStore;
import dev.canary4j.test.RunnerFixture;
import dev.canary4j.test.ScriptedMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Crashes the controller after every single side effect of a full rollout (each state write, each
 * traffic change, each workload change), restarts it on the same store, router and workloads, and
 * checks that no crash point leads to a promotion without the analysis, to traffic on a canary that
 * was not prepared, or to weights that differ from the stored state.
 */
class CrashResumeTest {

  private static final Target TARGET = Target.of("shop", "podinfo");
  private static final CanaryPolicy POLICY = RunnerFixture.twoSteps().build();

  /** Thrown to stop the controller dead, as a kill would: nothing after it runs. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(int effect) {
      super("crash after side effect " + effect);
    }
  }

  /** The outside world, which survives a controller crash. */
  static final class World {
    final InMemoryStateStore store = new InMemoryStateStore();
    final InMemoryRouter router = new InMemoryRouter();
    final InMemoryWorkloads workloads = new InMemoryWorkloads();
    final ScriptedMetrics metrics = ScriptedMetrics.healthy();
    final Set<Integer> analysedWeights = new TreeSet<>();
    final List<String> violations = new ArrayList<>();
    int effects;
    int crashAfter = Integer.MAX_VALUE;

    void effect() {
      effects++;
      if (effects == crashAfter) {
        throw new Crash(effects);
      }
    }

    /** The first controller crashes at {@code crashAt}; a restarted one never does. */
    CanaryRunner controller(RunnerFixture f) {
      StateStore crashingStore = new StateStore() {
        @Override
        public Optional<StoredState> load(String canaryId) {
          return store.load(canaryId);
        }

        @Override
        public String save(String canaryId, CanaryState state, String expectedVersion) {
          String version = store.save(canaryId, state, expectedVersion);
          effect();
          return version;
        }
      };
      TrafficRouter crashingRouter = new TrafficRouter() {
        @Override
        public TrafficSplit observe(Target target) {
          return router.observe(target);
        }

        @Override
        public void apply(Target target, TrafficSplit split) {
          if (split.canary() > 0 && !workloads.canaryRunning(target)) {
            violations.add("traffic " + split + " sent to a canary that was not prepared");
          }
          router.apply(target, split);
          effect();
        }
      };
      Workloads crashingWorkloads = new Workloads() {
        @Override
        public void prepare(Target target, String revision) {
          workloads.prepare(target, revision);
          effect();
        }

        @Override
        public void promote(Target target, String revision) {
          Phase stored = store.load(ID).orElseThrow().state().phase();
          if (stored != Phase.PROMOTING && stored != Phase.FINALISING && stored != Phase.SUCCEEDED) {
            violations.add("promote while the stored phase is " + stored);
          }
          if (!analysedWeights.containsAll(List.of(25, 50))) {
            violations.add("promote after analysing only at weights " + analysedWeights);
          }
          workloads.promote(target, revision);
          effect();
        }

        @Override
        public void finalise(Target target, String revision) {
          workloads.finalise(target, revision);
          effect();
        }

        @Override
        public void rollBack(Target target, String revision) {
          workloads.rollBack(target, revision);
          effect();
        }
      };
      MetricSource recordingMetrics = new MetricSource() {
        @Override
        public MetricObservation measure(MetricQuery query) {
          analysedWeights.add(router.observe(query.target()).canary());
          return metrics.measure(query);
        }
      };
      return CanaryRunner.builder().clock(f.clock()).router(crashingRouter).metrics(recordingMetrics)
          .workloads(crashingWorkloads).store(crashingStore).webhookGate(RunnerFixture.failingGate())
          .callPolicy(RunnerFixture.fastCalls()).callExecutor(new SameThreadExecutor()).build();
    }
  }

  /** Runs the whole rollout; on a crash, restarts a controller and carries on where the world is. */
  private static World rollOut(int crashAfter) {
    return rollOut(crashAfter, false);
  }

  /** As above, with a canary that fails its success rate when {@code bad}, so that it is rolled back. */
  private static World rollOut(int crashAfter, boolean bad) {
    World world = new World();
    world.crashAfter = crashAfter;
    if (bad) {
      world.metrics.set("request-success-rate", 80.0);
    }
    RunnerFixture f = new RunnerFixture();
    String deployed = "v1";
    CanaryRunner runner = world.controller(f);
    runner.register(POLICY);
    boolean restarted = false;
    int ticks = 0;
    while (ticks < 30) {
      try {
        runner.observeRevision(ID, deployed);
        if (deployed.equals("v1")) {
          deployed = "v2";
          continue;
        }
        if (restarted) {
          try {
            runner.tick(ID); // The first call after a restart reapplies the stored decision's actions.
          } catch (dev.canary4j.spi.TransientAdapterException notJudged) {
            // The crash left the router at other weights than the stored ones: set again, not judged.
            assertThat(notJudged).hasMessageContaining("not judged");
          }
          assertWeightsMatchState(world);
          restarted = false;
        }
        if (runner.status(ID).phase().isTerminal()) {
          break;
        }
        f.clock().advance(POLICY.analysis().interval());
        runner.tick(ID);
        ticks++;
        assertWeightsMatchState(world);
      } catch (Crash crash) {
        runner = world.controller(f);
        runner.register(POLICY);
        restarted = true;
      }
    }
    return world;
  }

  private static void assertWeightsMatchState(World world) {
    assertThat(world.router.observe(TARGET)).isEqualTo(world.store.load(ID).orElseThrow().state().split());
  }

  @Test
  void noCrashPointPromotesWithoutTheAnalysisOrLeavesWeightsDifferentFromTheState() {
    int effectsWithoutCrash = rollOut(Integer.MAX_VALUE).effects;
    assertThat(effectsWithoutCrash).isGreaterThan(10);

    for (int crashAfter = 1; crashAfter <= effectsWithoutCrash; crashAfter++) {
      World world = rollOut(crashAfter);

      CanaryState end = world.store.load(ID).orElseThrow().state();
      assertThat(world.violations).as("crash after effect %d", crashAfter).isEmpty();
      assertThat(end.phase()).as("crash after effect %d", crashAfter).isEqualTo(Phase.SUCCEEDED);
      assertThat(world.router.observe(TARGET)).as("crash after effect %d", crashAfter).isEqualTo(TrafficSplit.allPrimary());
      assertThat(world.workloads.primaryRevision(TARGET)).as("crash after effect %d", crashAfter).contains("v2");
      assertThat(world.workloads.calls()).as("crash after effect %d", crashAfter)
          .extracting(InMemoryWorkloads.Call::operation).contains("promote", "finalise").doesNotContain("rollBack");
    }
  }

  @Test
  void noCrashPointDuringARollbackPromotesOrLeavesTrafficOnTheCanary() {
    int effectsWithoutCrash = rollOut(Integer.MAX_VALUE, true).effects;
    assertThat(effectsWithoutCrash).isGreaterThan(5);

    for (int crashAfter = 1; crashAfter <= effectsWithoutCrash; crashAfter++) {
      World world = rollOut(crashAfter, true);

      CanaryState end = world.store.load(ID).orElseThrow().state();
      assertThat(world.violations).as("crash after effect %d", crashAfter).isEmpty();
      assertThat(end.phase()).as("crash after effect %d", crashAfter).isEqualTo(Phase.FAILED);
      assertThat(world.router.observe(TARGET)).as("crash after effect %d", crashAfter).isEqualTo(TrafficSplit.allPrimary());
      assertThat(world.workloads.canaryRunning(TARGET)).as("crash after effect %d", crashAfter).isFalse();
      assertThat(world.workloads.primaryRevision(TARGET)).as("crash after effect %d", crashAfter).isNotEqualTo(java.util.Optional.of("v2"));
      assertThat(world.workloads.calls()).as("crash after effect %d", crashAfter)
          .extracting(InMemoryWorkloads.Call::operation).contains("rollBack").doesNotContain("promote");
    }
  }

  @Test
  void aRestartedRunnerContinuesAtTheSameStepWithTheStoredWeights() {
    RunnerFixture f = new RunnerFixture();
    CanaryRunner first = f.started(POLICY);
    first.tick(ID);
    assertThat(first.status(ID).split()).isEqualTo(TrafficSplit.canary(25));
    f.router().apply(TARGET, TrafficSplit.allPrimary()); // Someone reset the route while no controller ran.

    CanaryRunner second = f.builder().build();
    second.register(POLICY);
    // The stored weights are set again; the interval before ran at 0 %, so that tick is not judged.
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> second.tick(ID))).hasMessageContaining("not judged");
    assertThat(f.router().observe(TARGET)).isEqualTo(TrafficSplit.canary(25));
    RunnerEvent.Decided resumed = second.tick(ID);

    assertThat(f.events()).anySatisfy(e -> assertThat(e).isInstanceOf(RunnerEvent.ActionsReapplied.class));
    assertThat(resumed.state().step()).isEqualTo(1);
    assertThat(f.router().observe(TARGET)).isEqualTo(TrafficSplit.canary(50));
  }

  @Test
  void aRestartedRunnerReportsTheStoredStatusAndTakesGateAnswersBeforeItsFirstTick() {
    CanaryPolicy gated = RunnerFixture.twoSteps()
        .gate(dev.canary4j.policy.GateSpec.manual("qa", dev.canary4j.policy.GateType.CONFIRM_PROMOTION)).build();
    RunnerFixture f = new RunnerFixture();
    CanaryRunner first = f.started(gated);
    for (int i = 0; i < 3; i++) {
      first.tick(ID);
    }
    assertThat(first.status(ID).phase()).isEqualTo(Phase.WAITING_PROMOTION);

    CanaryRunner second = f.builder().build();
    second.register(gated);

    assertThat(second.status(ID).phase()).isEqualTo(Phase.WAITING_PROMOTION);
    assertThat(second.status(ID).pendingActions()).isNotEmpty();
    second.answerGate(ID, "qa", true, "signed off");
    // The first tick after the load owes the stored weights and is not judged; the answer is kept.
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> second.tick(ID))).hasMessageContaining("not judged");
    assertThat(second.tick(ID).state().phase()).isEqualTo(Phase.PROMOTING);
  }

  @Test
  void aRunnerOnTheJsonFileStoreResumesFromTheFileAfterARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    RunnerFixture f = new RunnerFixture(new dev.canary4j.store.JsonFileStateStore(dir));
    CanaryRunner first = f.started(POLICY);
    first.tick(ID);
    first.tick(ID);

    RunnerFixture restarted = new RunnerFixture(new dev.canary4j.store.JsonFileStateStore(dir));
    CanaryRunner second = restarted.builder(f.router(), f.metrics(), f.workloads()).build();
    second.register(POLICY);
    assertThat(second.status(ID).split()).isEqualTo(TrafficSplit.canary(50));
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> second.tick(ID)))
        .as("the weights it owes after the load are set again; that interval is not judged")
        .hasMessageContaining("not judged");
    restarted.tickUntilDone(second, 10);

    assertThat(second.status(ID).phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(f.workloads().primaryRevision(TARGET)).contains("v2");
  }

  @Test
  void aRouterThatDriftsIsCorrectedToTheStoredWeights() {
    RunnerFixture f = new RunnerFixture();
    CanaryRunner runner = f.started(POLICY);
    runner.tick(ID);
    f.router().apply(TARGET, TrafficSplit.canary(90));
    f.metrics().set("request-success-rate", 50); // Hold the step so that only the drift changes the weights.

    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> runner.tick(ID))).hasMessageContaining("not judged");

    assertThat(f.router().observe(TARGET)).isEqualTo(TrafficSplit.canary(25));
  }

  @Test
  void twoControllersCannotDriveOneCanaryAtOnce() {
    RunnerFixture f = new RunnerFixture();
    CanaryRunner one = f.started(POLICY);
    CanaryRunner two = f.builder().build();
    two.register(POLICY);
    two.tick(ID);

    assertThatThrownBy(() -> one.tick(ID)).isInstanceOf(StaleStateException.class)
        .hasMessageContaining("changed by someone else");
    // Reloaded, it owes the stored weights: it sets them again and does not judge that interval.
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> one.tick(ID))).hasMessageContaining("not judged");
    RunnerEvent.Decided afterReload = one.tick(ID);

    assertThat(afterReload.state().step()).isEqualTo(1);
  }
}
