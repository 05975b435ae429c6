package dev.canary4j.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.canary4j.simulation.SimulatedClock;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The retry and circuit-breaker rules of {@link RemoteCalls} on their own. */
class RemoteCallsTest {

  private final RemoteCalls calls = new RemoteCalls(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO)
      .withCircuit(100f, 3, Duration.ofMinutes(1)), new SameThreadExecutor(),
      new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z")), new EventPublisher());

  private final List<RunnerEvent> events = new ArrayList<>();

  private RemoteCalls retrying(CallPolicy policy) {
    EventPublisher publisher = new EventPublisher();
    // Every attempt is also an AdapterCalled event; these tests are about the retries.
    publisher.subscribe(e -> {
      if (e instanceof RunnerEvent.CallRetried) {
        events.add(e);
      }
    });
    return new RemoteCalls(policy, new SameThreadExecutor(), new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z")),
        publisher);
  }

  /** A call that fails with each of {@code failures} in turn, then answers "ok". */
  private static Supplier<String> failing(RuntimeException... failures) {
    AtomicInteger calls = new AtomicInteger();
    return () -> {
      int i = calls.getAndIncrement();
      if (i < failures.length) {
        throw failures[i];
      }
      return "ok";
    };
  }

  private void fail(RuntimeException e) {
    assertThatThrownBy(() -> calls.call("shop/api", "router", "setting weights", () -> {
      throw e;
    })).isInstanceOf(e.getClass());
  }

  @Test
  void permanentFailuresNeitherOpenTheCircuitNorDiluteItsFailureRate() {
    fail(new TransientAdapterException("refused"));
    fail(new PermanentAdapterException("forbidden"));
    fail(new TransientAdapterException("refused"));
    assertThat(calls.circuitState("router")).isEqualTo(Circuit.State.CLOSED);

    fail(new TransientAdapterException("refused"));

    // three transient failures out of three counted calls: 100 %, so it opens
    assertThat(calls.circuitState("router")).isEqualTo(Circuit.State.OPEN);
  }

  @Test
  void onlyPermanentFailuresNeverOpenTheCircuit() {
    for (int i = 0; i < 10; i++) {
      fail(new PermanentAdapterException("forbidden"));
    }

    assertThat(calls.circuitState("router")).isEqualTo(Circuit.State.CLOSED);
  }

  @Test
  void theBackoffStartsAtTheInitialWaitAndGrowsByTheMultiplier() {
    CallPolicy policy = CallPolicy.ofDefaults();

    assertThat(RemoteCalls.backoffMillis(policy, 1)).isEqualTo(200);
    assertThat(RemoteCalls.backoffMillis(policy, 2)).isEqualTo(400);
    assertThat(RemoteCalls.backoffMillis(policy, 3)).isEqualTo(800);
    assertThat(RemoteCalls.backoffMillis(policy.withRetries(3, Duration.ofMillis(50)), 2)).isEqualTo(100);
  }

  @Test
  void anOpenCircuitLetsOneTrialCallThroughAfterItsOpenDurationWhoseFailureOpensItAgain() {
    SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z"));
    Circuit circuit = new Circuit(CallPolicy.ofDefaults().withCircuit(50f, 2, Duration.ofMinutes(1)), clock);
    circuit.tryAcquire();
    circuit.record(true);
    circuit.tryAcquire();
    circuit.record(false);
    assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
    assertThat(circuit.tryAcquire()).isFalse();

    clock.advance(Duration.ofMinutes(1));
    assertThat(circuit.tryAcquire()).isTrue();
    assertThat(circuit.state()).isEqualTo(Circuit.State.HALF_OPEN);
    assertThat(circuit.tryAcquire()).as("a second call while the trial is under way").isFalse();
    circuit.record(true);
    assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);

    clock.advance(Duration.ofMinutes(1));
    assertThat(circuit.tryAcquire()).isTrue();
    circuit.record(false);
    assertThat(circuit.state()).isEqualTo(Circuit.State.CLOSED);
    assertThat(circuit.tryAcquire()).isTrue();
  }

  @Test
  void theFailureRateCountsOnlyTheLastCallsOfItsWindow() {
    Circuit circuit = new Circuit(CallPolicy.ofDefaults().withCircuit(50f, 4, Duration.ofMinutes(1)),
        new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z")));
    for (int i = 0; i < 4; i++) {
      circuit.record(true);
      if (i == 0) {
        for (int j = 0; j < 10; j++) {
          circuit.record(false);
        }
      }
    }
    // 3 failures of the last 10 calls: 30 %
    assertThat(circuit.state()).isEqualTo(Circuit.State.CLOSED);

    circuit.record(true);
    circuit.record(true);
    // 5 of the last 10: 50 %
    assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
  }

  @Test
  void theRunnerRunsWithoutSlf4jOnItsClassPath() {
    assertThatThrownBy(() -> Class.forName("org.slf4j.LoggerFactory")).isInstanceOf(ClassNotFoundException.class);
    fail(new TransientAdapterException("refused"));
  }

  @Test
  void everyRetryIsAnEventSayingWhichAttemptFailedWhyAndHowLongUntilTheNext() {
    RemoteCalls calls = retrying(CallPolicy.ofDefaults().withRetries(3, Duration.ofMillis(1)));

    String answer = calls.call("shop/api", "metric source", "measuring errors",
        failing(new TransientAdapterException("HTTP 503"), new TransientAdapterException("HTTP 429")));

    assertThat(answer).isEqualTo("ok");
    assertThat(events).extracting(e -> (RunnerEvent.CallRetried) e)
        .extracting(RunnerEvent.CallRetried::canaryId, RunnerEvent.CallRetried::adapter, RunnerEvent.CallRetried::attempt,
            RunnerEvent.CallRetried::reason, RunnerEvent.CallRetried::delay)
        .containsExactly(tuple("shop/api", "metric source", 1, "HTTP 503", Duration.ofMillis(1)),
            tuple("shop/api", "metric source", 2, "HTTP 429", Duration.ofMillis(2)));
  }

  @Test
  void aRetryAfterLongerThanTheBackoffIsWaitedFor() {
    RemoteCalls calls = retrying(CallPolicy.ofDefaults().withRetries(2, Duration.ofMillis(1)));

    calls.call("shop/api", "router", "setting weights",
        failing(new TransientAdapterException("HTTP 429", null, Duration.ofMillis(300))));

    assertThat(events).singleElement().extracting(e -> ((RunnerEvent.CallRetried) e).delay()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aRetryAfterBeyondTheCallBudgetFailsAtOnceSayingSo() {
    RemoteCalls calls = retrying(CallPolicy.ofDefaults().withRetries(3, Duration.ofMillis(1)).withCallBudget(Duration.ofSeconds(30)));
    long started = System.nanoTime();

    assertThatThrownBy(() -> calls.call("shop/api", "router", "setting weights",
        failing(new TransientAdapterException("HTTP 503", null, Duration.ofSeconds(120)))))
        .isInstanceOfSatisfying(TransientAdapterException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)))
        .hasMessageStartingWith("HTTP 503 (attempt 1 of 3; not retried: the remote asked to wait 120000 ms, more than the ")
        .hasMessageEndingWith(" ms left of the call budget of 30000 ms)");
    assertThat(events).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void permanentFailuresAreNotRetried() {
    RemoteCalls calls = retrying(CallPolicy.ofDefaults().withRetries(3, Duration.ZERO));

    assertThatThrownBy(() -> calls.call("shop/api", "router", "setting weights",
        failing(new PermanentAdapterException("forbidden")))).hasMessage("forbidden");
    assertThat(events).isEmpty();
  }
}
