package dev.canary4j.runner;

import static dev.canary4j.runner.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RemoteCallResilienceTest {

  private final RunnerFixture f = new RunnerFixture();

  /** Ticks past the first shift so that the next tick analyses, and returns the success-rate verdict. */
  private Verdict analysedSuccessRate(CanaryRunner runner) {
    runner.register(RunnerFixture.twoSteps().build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    runner.tick(ID);
    return runner.tick(ID).verdicts().get(0);
  }

  @Test
  void transientProviderFailuresAreRetriedAndRecover() {
    AtomicInteger failuresLeft = new AtomicInteger(2);
    f.metrics.answer("request-success-rate", () -> {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new TransientAdapterException("prometheus answered 503");
      }
      return MetricObservation.of(Measurement.of(99.5, 1000), Measurement.of(99.9, 1000));
    });

    Verdict verdict = analysedSuccessRate(f.builder().build());

    assertThat(verdict.label()).isEqualTo(VerdictLabel.PASS);
    assertThat(f.metrics.queriesOf("request-success-rate")).isEqualTo(3);
  }

  @Test
  void aProviderThatKeepsFailingGivesAnErrorVerdictInsteadOfFailingTheTick() {
    f.metrics.answer("request-success-rate", () -> {
      throw new TransientAdapterException("prometheus answered 503");
    });

    Verdict verdict = analysedSuccessRate(f.builder().build());

    assertThat(verdict.label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(verdict.reason()).contains("transient").contains("503");
    assertThat(f.metrics.queriesOf("request-success-rate")).isEqualTo(3);
  }

  @Test
  void aMetricSourceThatReturnsNothingGivesAnErrorVerdictNamingIt() {
    CanaryRunner runner = f.builder(f.router, query -> null, f.workloads).build();

    Verdict verdict = analysedSuccessRate(runner);

    assertThat(verdict.label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(verdict.reason()).contains("the metric source returned no observation (null)");
  }

  @Test
  void permanentFailuresAreNotRetried() {
    f.metrics.answer("request-success-rate", () -> {
      throw new PermanentAdapterException("bad_data: parse error at char 7");
    });

    Verdict verdict = analysedSuccessRate(f.builder().build());

    assertThat(verdict.label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(verdict.reason()).contains("permanent").contains("parse error");
    assertThat(f.metrics.queriesOf("request-success-rate")).isEqualTo(1);
  }

  @Test
  void aCallThatHangsIsCutOffByTheTimeLimit() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    f.metrics.answer("request-success-rate", () -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return MetricObservation.of(Measurement.of(99.9, 1000), Measurement.of(99.9, 1000));
    });
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      CanaryRunner runner = f.builder().callExecutor(executor)
          .callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO).withTimeLimit(Duration.ofMillis(50)))
          .build();

      Verdict verdict = analysedSuccessRate(runner);

      assertThat(verdict.label()).isEqualTo(VerdictLabel.ERROR);
      assertThat(verdict.reason()).contains("did not finish within PT0.05S");
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
  }

  private void bothMetricsFailTransiently(AtomicInteger failuresLeft) {
    for (String metric : new String[] {"request-success-rate", "request-duration"}) {
      f.metrics.answer(metric, () -> {
        if (failuresLeft.getAndDecrement() > 0) {
          throw new TransientAdapterException("connection refused");
        }
        return MetricObservation.of(Measurement.of(99.9, 1000), Measurement.of(99.9, 1000));
      });
    }
  }

  @Test
  void theCircuitOpensAfterRepeatedFailuresAndStopsCallingTheProvider() {
    bothMetricsFailTransiently(new AtomicInteger(Integer.MAX_VALUE));
    CanaryRunner runner = f.builder()
        .callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO).withCircuit(50f, 4, Duration.ofMinutes(5)))
        .build();
    analysedSuccessRate(runner);
    runner.tick(ID);
    long callsWhenOpen = f.metrics.queries().size();

    Verdict verdict = runner.tick(ID).verdicts().get(0);

    assertThat(callsWhenOpen).isEqualTo(4);
    assertThat(f.metrics.queries()).hasSize(4);
    assertThat(verdict.label()).isEqualTo(VerdictLabel.ERROR);
    assertThat(verdict.reason()).contains("circuit breaker of the metric source is open");
  }

  @Test
  void theOpenCircuitLetsATrialCallThroughAfterItsOpenDuration() {
    bothMetricsFailTransiently(new AtomicInteger(4));
    CanaryRunner runner = f.builder()
        .callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO).withCircuit(50f, 4, Duration.ofMinutes(5)))
        .build();
    analysedSuccessRate(runner);
    runner.tick(ID);
    assertThat(runner.tick(ID).verdicts().get(0).reason()).contains("circuit breaker");

    f.clock.advance(Duration.ofMinutes(6));
    Verdict verdict = runner.tick(ID).verdicts().get(0);

    assertThat(verdict.label()).isEqualTo(VerdictLabel.PASS);
  }
}
