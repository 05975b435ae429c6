package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.runner.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualTimeSchedulerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final SimulatedClock clock = new SimulatedClock(T0);
  private final VirtualTimeScheduler scheduler = new VirtualTimeScheduler(clock);
  private final List<String> ran = new ArrayList<>();

  @Test
  void tasksRunInTimeOrderAtTheirOwnTimeAsTheClockAdvances() {
    scheduler.schedule(Duration.ofSeconds(30), () -> ran.add("b at " + clock.instant()));
    scheduler.schedule(Duration.ofSeconds(10), () -> ran.add("a at " + clock.instant()));
    scheduler.schedule(Duration.ofSeconds(90), () -> ran.add("c at " + clock.instant()));

    scheduler.advance(Duration.ofMinutes(1));

    assertThat(ran).containsExactly("a at 2026-01-01T00:00:10Z", "b at 2026-01-01T00:00:30Z");
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(60));
    assertThat(scheduler.pending()).isEqualTo(1);
  }

  @Test
  void aTaskScheduledByATaskRunsInTheSameAdvanceWhenItFallsDue() {
    scheduler.schedule(Duration.ofSeconds(10), () -> {
      ran.add("first");
      scheduler.schedule(Duration.ofSeconds(10), () -> ran.add("second at " + clock.instant()));
    });

    scheduler.advance(Duration.ofSeconds(25));

    assertThat(ran).containsExactly("first", "second at 2026-01-01T00:00:20Z");
  }

  @Test
  void aCancelledTaskNeverRuns() {
    Scheduler.Cancellable handle = scheduler.schedule(Duration.ofSeconds(5), () -> ran.add("cancelled"));

    handle.cancel();
    scheduler.advance(Duration.ofMinutes(1));

    assertThat(ran).isEmpty();
  }

  @Test
  void theClockOnlyMovesForward() {
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only moves forward");
    assertThatThrownBy(() -> clock.set(T0.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is before");
  }
}
