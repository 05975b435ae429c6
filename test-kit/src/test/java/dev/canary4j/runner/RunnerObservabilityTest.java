package dev.canary4j.runner;

import static dev.canary4j.test.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.test.RunnerFixture;
import dev.canary4j.judge.Measurement;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the runner tells about itself: every adapter attempt, every tick's duration, and its log. */
class RunnerObservabilityTest {

  private final RunnerFixture f = new RunnerFixture();
  private final Logger julLogger = Logger.getLogger("dev.canary4j.runner");
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void captureTheLog() {
    julLogger.addHandler(capture);
    julLogger.setLevel(Level.ALL);
  }

  @AfterEach
  void releaseTheLog() {
    julLogger.removeHandler(capture);
    julLogger.setLevel(null);
  }

  private <T extends RunnerEvent> List<T> events(Class<T> type) {
    return f.events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void everyAttemptIsReportedWithItsAdapterOutcomeAndTheRetryThatMendedIt() {
    AtomicInteger calls = new AtomicInteger();
    f.metrics().answer("request-success-rate", () -> {
      if (calls.incrementAndGet() == 1) {
        throw new TransientAdapterException("Prometheus answered 503");
      }
      return MetricObservation.of(Measurement.of(99.9), Measurement.of(99.9));
    });
    f.metrics().answer("request-duration", () -> {
      throw new PermanentAdapterException("bad query: parse error at char 3");
    });
    CanaryRunner runner = f.started(RunnerFixture.twoSteps().build());

    runner.tick(ID);
    runner.tick(ID);

    List<RunnerEvent.AdapterCalled> metrics = events(RunnerEvent.AdapterCalled.class).stream()
        .filter(c -> c.adapter().equals("metric source")).toList();
    assertThat(metrics).extracting(RunnerEvent.AdapterCalled::call, RunnerEvent.AdapterCalled::attempt,
        RunnerEvent.AdapterCalled::outcome).containsExactly(
            org.assertj.core.groups.Tuple.tuple("measuring request-success-rate", 1, RunnerEvent.CallOutcome.TRANSIENT_FAILURE),
            org.assertj.core.groups.Tuple.tuple("measuring request-success-rate", 2, RunnerEvent.CallOutcome.SUCCESS),
            org.assertj.core.groups.Tuple.tuple("measuring request-duration", 1, RunnerEvent.CallOutcome.PERMANENT_FAILURE));
    assertThat(metrics).allSatisfy(c -> assertThat(c.canaryId()).isEqualTo(ID));
    assertThat(metrics.get(1).retry()).isTrue();
    assertThat(metrics.get(0).reason()).isEqualTo("Prometheus answered 503");
    assertThat(events(RunnerEvent.AdapterCalled.class)).anySatisfy(c -> assertThat(c.adapter()).isEqualTo("traffic router"));
    assertThat(events(RunnerEvent.TickCompleted.class)).hasSize(2).allSatisfy(t -> {
      assertThat(t.succeeded()).isTrue();
      assertThat(t.duration().isNegative()).isFalse();
    });
  }

  @Test
  void theRunnerLogsPhaseChangesRetriesAndFailuresThroughSystemLogger() {
    AtomicInteger calls = new AtomicInteger();
    f.metrics().answer("request-success-rate", () -> {
      if (calls.incrementAndGet() == 1) {
        throw new TransientAdapterException("Prometheus answered 503");
      }
      return MetricObservation.of(Measurement.of(97.0), Measurement.of(99.9));
    });
    CanaryRunner runner = f.started(RunnerFixture.twoSteps().build());

    runner.tick(ID);
    runner.tick(ID);

    assertThat(logged).anySatisfy(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.INFO);
      assertThat(r.getMessage()).isEqualTo("shop/podinfo: INITIALIZED -> PROGRESSING: new revision v2");
    });
    assertThat(logged).anySatisfy(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.INFO);
      assertThat(r.getMessage()).isEqualTo("shop/podinfo: measuring request-success-rate on the metric source failed "
          + "(TRANSIENT_FAILURE, attempt 1): Prometheus answered 503");
    });
    assertThat(logged).anySatisfy(r -> assertThat(r.getMessage())
        .startsWith("shop/podinfo: measuring request-success-rate on the metric source succeeded at attempt 2"));
  }
}
