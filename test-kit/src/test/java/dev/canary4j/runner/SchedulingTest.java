package dev.canary4j.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.Phase;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.simulation.VirtualTimeScheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulingTest {

  private final RunnerFixture f = new RunnerFixture();

  @Test
  void oneRunnerDrivesManyCanariesOnOneSchedulerWithoutAThreadPerCanary() {
    VirtualTimeScheduler scheduler = new VirtualTimeScheduler(f.clock);
    CanaryRunner runner = f.builder().scheduler(scheduler).build();
    int threadsBefore = Thread.activeCount();
    for (int i = 0; i < 50; i++) {
      CanaryPolicy policy = RunnerFixture.twoSteps().target("shop", "app-" + i).build();
      String id = runner.register(policy);
      runner.observeRevision(id, "v1");
      runner.observeRevision(id, "v2");
      runner.start(id);
    }

    assertThat(scheduler.pending()).isEqualTo(50);
    scheduler.advance(Duration.ofMinutes(10));

    assertThat(runner.canaries()).allSatisfy(id -> assertThat(runner.status(id).phase()).isEqualTo(Phase.SUCCEEDED));
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
    assertThat(scheduler.pending()).isEqualTo(50);
  }

  @Test
  void stoppedCanariesAreNoLongerTicked() {
    VirtualTimeScheduler scheduler = new VirtualTimeScheduler(f.clock);
    CanaryRunner runner = f.builder().scheduler(scheduler).build();
    String id = runner.register(RunnerFixture.twoSteps().build());
    runner.observeRevision(id, "v1");
    runner.observeRevision(id, "v2");
    runner.start(id);
    scheduler.advance(Duration.ofMinutes(1));
    long queries = f.metrics.queries().size();

    runner.stop(id);
    scheduler.advance(Duration.ofMinutes(10));

    assertThat(f.metrics.queries()).hasSize((int) queries);
    assertThat(runner.status(id).scheduled()).isFalse();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aStopAndStartDuringATickLeavesOneScheduleNotTwo() {
    VirtualTimeScheduler scheduler = new VirtualTimeScheduler(f.clock);
    java.util.concurrent.atomic.AtomicReference<String> restartOnce = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.List<java.time.Instant> ticks = new java.util.concurrent.CopyOnWriteArrayList<>();
    CanaryRunner[] holder = new CanaryRunner[1];
    CanaryRunner runner = f.builder().scheduler(scheduler).listener(e -> {
      if (e instanceof RunnerEvent.Decided d && d.input() instanceof dev.canary4j.Input.Tick) {
        ticks.add(d.at());
      }
      String id = restartOnce.getAndSet(null);
      if (id != null) {
        holder[0].stop(id);
        holder[0].start(id);
      }
    }).build();
    holder[0] = runner;
    String id = runner.register(RunnerFixture.twoSteps().build());
    runner.start(id);
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(ticks).hasSize(1);

    restartOnce.set(id);
    scheduler.advance(Duration.ofMinutes(1));
    ticks.clear();
    scheduler.advance(Duration.ofMinutes(5));

    assertThat(restartOnce.get()).isNull();
    assertThat(ticks).hasSize(5);
    assertThat(scheduler.pending()).isEqualTo(1);
    assertThat(runner.status(id).scheduled()).isTrue();
  }

  @Test
  void theExecutorSchedulerRunsTicksOnTheExecutorsThreads() throws Exception {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch ticked = new CountDownLatch(1);
    try {
      CanaryRunner runner = f.builder().scheduler(new ExecutorScheduler(executor))
          .listener(e -> ticked.countDown()).build();
      String id = runner.register(RunnerFixture.twoSteps().build());

      runner.start(id);

      assertThat(ticked.await(10, TimeUnit.SECONDS)).isTrue();
      runner.close();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void startingWithoutASchedulerSaysHowToConfigureOne() {
    CanaryRunner runner = f.builder().build();
    String id = runner.register(RunnerFixture.twoSteps().build());

    assertThatThrownBy(() -> runner.start(id)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No scheduler configured");
  }
}
