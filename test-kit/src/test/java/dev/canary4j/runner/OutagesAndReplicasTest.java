package dev.canary4j.runner;

import static dev.canary4j.test.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.canary4j.Action;
import dev.canary4j.CanaryState;
import dev.canary4j.GateResult;
import dev.canary4j.Phase;
import dev.canary4j.Readiness;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.Gate;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.StateStore;
import dev.canary4j.spi.StoredState;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.spi.TransientAdapterException;
import dev.canary4j.spi.Workloads;
import dev.canary4j.store.InMemoryStateStore;
import dev.canary4j.test.RunnerFixture;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The runner when an adapter is down for a while, when a blue/green canary is promoted late, and with two replicas. */
class OutagesAndReplicasTest {

  private static final Target T = Target.of("shop", "podinfo");
  private final RunnerFixture f = new RunnerFixture();
  private final AtomicBoolean down = new AtomicBoolean();

  /** The fixture's router, unreachable while {@link #down} is set. */
  private final TrafficRouter flaky = new TrafficRouter() {
    @Override
    public TrafficSplit observe(Target target) {
      return f.router().observe(target);
    }

    @Override
    public void apply(Target target, TrafficSplit split) {
      if (down.get()) {
        throw new TransientAdapterException("router unreachable");
      }
      f.router().apply(target, split);
    }
  };

  private CanaryRunner startedOnFlakyRouter() {
    // A circuit that does not open within these few calls, so the router is back as soon as it is up.
    CanaryRunner runner = f.builder(flaky, f.metrics(), f.workloads())
        .callPolicy(RunnerFixture.fastCalls().withCircuit(50, 1000, Duration.ofSeconds(30))).build();
    runner.register(RunnerFixture.twoSteps().build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    return runner;
  }

  @Test
  void aCommandIsDecidedAndStoredWhileAnEarlierTrafficChangeKeepsFailing() {
    CanaryRunner runner = startedOnFlakyRouter();
    down.set(true);
    catchThrowable(() -> runner.tick(ID));
    assertThat(runner.status(ID).pendingActions()).containsExactly(new Action.SetTraffic(TrafficSplit.canary(25)));

    runner.pause(ID, "ops: hold while the router flaps");

    assertThat(runner.status(ID).phase()).isEqualTo(Phase.PAUSED);
    assertThat(f.store().load(ID).orElseThrow().state().phase()).isEqualTo(Phase.PAUSED);
    assertThat(runner.status(ID).pendingActions()).containsExactly(new Action.SetTraffic(TrafficSplit.canary(25)));
    down.set(false);
    runner.resume(ID, "ops");
    assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.canary(25));
  }

  @Test
  void anAbortDuringARouterOutageReplacesTheOwedTrafficChangeAndRollsBackOnceTheRouterIsBack() {
    CanaryRunner runner = startedOnFlakyRouter();
    down.set(true);
    catchThrowable(() -> runner.tick(ID));

    runner.abort(ID, "ops");

    assertThat(runner.status(ID).phase()).isEqualTo(Phase.ABORTED);
    assertThat(runner.status(ID).pendingActions()).doesNotContain(new Action.SetTraffic(TrafficSplit.canary(25)))
        .contains(new Action.SetTraffic(TrafficSplit.allPrimary()));
    down.set(false);
    f.clock().advance(Duration.ofMinutes(1));
    runner.tick(ID);
    assertThat(runner.status(ID).pendingActions()).isEmpty();
    assertThat(f.router().applied()).doesNotContain(TrafficSplit.canary(25));
    assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.allPrimary());
    assertThat(f.workloads().canaryRunning(T)).isFalse();
  }

  @Test
  void promotingARolledBackBlueGreenCanaryScalesItUpBeforeItTakesTheTraffic() {
    f.metrics().set("request-success-rate", 80.0);
    CanaryRunner runner = f.started(RunnerFixture.twoSteps().strategy(BlueGreenStrategy.of(3))
        .limits(new Limits(Limit.rollbackAt(1), null, null, null)).build());
    f.tickUntilDone(runner, 10);
    assertThat(f.phase(runner)).isEqualTo(Phase.FAILED);
    assertThat(f.workloads().canaryRunning(T)).isFalse();

    f.workloads().setPrimaryReadiness(T, Readiness.notReady("rolling out v2"));
    runner.promote(ID, "ops override");

    assertThat(f.router().observe(T).canary()).as("no traffic in the decision that scales the canary up").isZero();
    assertThat(f.workloads().canaryRunning(T)).isTrue();
    f.clock().advance(Duration.ofMinutes(1));
    runner.tick(ID);
    assertThat(f.router().observe(T).canary()).as("the switch once the canary reports ready").isEqualTo(100);
  }

  @Test
  void aRestartDuringABlueGreenPromotionPreparesTheCanaryBeforeSettingTheTraffic() {
    CanaryRunner runner = f.started(RunnerFixture.twoSteps().strategy(BlueGreenStrategy.of(1)).build());
    for (int i = 0; i < 5 && f.phase(runner) != Phase.PROMOTING; i++) {
      f.clock().advance(Duration.ofMinutes(1));
      runner.tick(ID);
    }
    assertThat(f.phase(runner)).isEqualTo(Phase.PROMOTING);

    assertThat(CanaryDriver.impliedBy(f.store().load(ID).orElseThrow().state())).startsWith(new Action.Prepare("v2"))
        .containsSubsequence(new Action.Prepare("v2"), new Action.SetTraffic(TrafficSplit.canary(100)));
  }

  @Test
  void eachCanaryHasItsOwnCircuitBreakerForAGateOfTheSameName() {
    Gate gates = request -> {
      if (request.gate().url().getHost().equals("down.example")) {
        throw new TransientAdapterException("connection refused");
      }
      return GateResult.open("ok");
    };
    CanaryRunner runner = f.builder().webhookGate(gates).build();
    String a = runner.register(RunnerFixture.twoSteps().target("shop", "a")
        .gate(GateSpec.webhook("check", GateType.CONFIRM_ROLLOUT, URI.create("http://down.example/check"))).build());
    String b = runner.register(RunnerFixture.twoSteps().target("shop", "b")
        .gate(GateSpec.webhook("check", GateType.CONFIRM_ROLLOUT, URI.create("http://up.example/check"))).build());
    for (String id : new String[] {a, b}) {
      runner.observeRevision(id, "v1");
      runner.observeRevision(id, "v2");
    }
    for (int i = 0; i < 12; i++) {
      f.clock().advance(Duration.ofSeconds(1));
      runner.tick(a);
    }
    assertThat(runner.tick(a).gates().get("check").message()).contains("circuit breaker");

    RunnerEvent.Decided decided = runner.tick(b);

    assertThat(decided.gates().get("check").open()).isTrue();
    assertThat(runner.status(b).phase()).isEqualTo(Phase.PROGRESSING);
  }

  @Test
  void aReplicaThatLostTheRaceDoesNotPushItsOwedWeightsOverTheStoredOnes() {
    CanaryRunner b = startedOnFlakyRouter();
    down.set(true);
    catchThrowable(() -> b.tick(ID)); // B stored 25 %, could not apply it
    CanaryRunner a = f.builder().build();
    a.register(RunnerFixture.twoSteps().build());
    catchThrowable(() -> a.tick(ID)); // A applies 25 %; the interval ran at 0 %, so it is not judged
    a.tick(ID); // A analyses, stores and applies 50 %
    assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.canary(50));
    down.set(false);

    assertThat(catchThrowable(() -> b.tick(ID))).isInstanceOf(StaleStateException.class);

    assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.canary(50));
    // Reloaded: B owes the stored weights, sets them again and does not judge that interval.
    assertThat(catchThrowable(() -> b.tick(ID))).hasMessageContaining("not judged");
    assertThat(f.router().observe(T)).isEqualTo(f.store().load(ID).orElseThrow().state().split());
  }

  @Test
  void aNewRevisionSupersedesAPromotionOwedForTheRevisionBefore() {
    AtomicBoolean apiDown = new AtomicBoolean();
    String[] deployed = {"v2"};
    Workloads refusing = new Workloads() {
      @Override
      public void prepare(Target target, String revision) {
        if (apiDown.get()) {
          throw new TransientAdapterException("api down");
        }
        f.workloads().prepare(target, revision);
      }

      @Override
      public void promote(Target target, String revision) {
        if (apiDown.get()) {
          throw new TransientAdapterException("api down");
        }
        if (!deployed[0].equals(revision)) {
          throw new PermanentAdapterException("canary now runs " + deployed[0] + ", not " + revision);
        }
        f.workloads().promote(target, revision);
      }

      @Override
      public void finalise(Target target, String revision) {
        f.workloads().finalise(target, revision);
      }

      @Override
      public void rollBack(Target target, String revision) {
        f.workloads().rollBack(target, revision);
      }
    };
    CanaryRunner runner = f.builder(f.router(), f.metrics(), refusing).build();
    runner.register(RunnerFixture.twoSteps().build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    apiDown.set(true);
    for (int i = 0; i < 5 && runner.status(ID).phase() != Phase.PROMOTING; i++) {
      f.clock().advance(Duration.ofMinutes(1));
      catchThrowable(() -> runner.tick(ID));
    }
    assertThat(runner.status(ID).pendingActions()).contains(new Action.Promote("v2"));

    deployed[0] = "v3";
    runner.observeRevision(ID, "v3");

    assertThat(runner.status(ID).pendingActions()).doesNotContain(new Action.Promote("v2"));
    assertThat(f.router().observe(T)).isEqualTo(TrafficSplit.allPrimary());
    apiDown.set(false);
    f.clock().advance(Duration.ofMinutes(1));
    runner.tick(ID);
    assertThat(runner.status(ID).pendingActions()).isEmpty();
    assertThat(runner.status(ID).revision()).isEqualTo("v3");
    assertThat(f.workloads().canaryRunning(T)).isTrue();
  }

  @Test
  void aCrashRightAfterStoringARevertStillScalesTheCanaryDownAfterTheRestart() {
    InMemoryStateStore backing = new InMemoryStateStore();
    AtomicBoolean armed = new AtomicBoolean();
    StateStore crashing = new StateStore() {
      @Override
      public Optional<StoredState> load(String id) {
        return backing.load(id);
      }

      @Override
      public String save(String id, CanaryState state, String expectedVersion) {
        String version = backing.save(id, state, expectedVersion);
        if (armed.get() && state.phase() == Phase.INITIALIZED) {
          throw new CrashResumeTest.Crash(0);
        }
        return version;
      }
    };
    RunnerFixture world = new RunnerFixture(crashing);
    CanaryRunner first = world.started(RunnerFixture.twoSteps().build());
    world.clock().advance(Duration.ofMinutes(1));
    first.tick(ID);
    assertThat(world.workloads().canaryRunning(T)).isTrue();
    armed.set(true);
    catchThrowable(() -> first.observeRevision(ID, "v1")); // stored, then the controller dies
    armed.set(false);

    CanaryRunner restarted = world.builder().build();
    restarted.register(RunnerFixture.twoSteps().build());
    world.clock().advance(Duration.ofMinutes(1));
    restarted.tick(ID);

    assertThat(restarted.status(ID).phase()).isEqualTo(Phase.INITIALIZED);
    assertThat(world.workloads().canaryRunning(T)).isFalse();
  }
}
