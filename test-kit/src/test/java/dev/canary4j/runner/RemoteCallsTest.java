package dev.canary4j.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.simulation.SimulatedClock;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TransientAdapterException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The retry and circuit-breaker rules of {@link RemoteCalls} on their own. */
class RemoteCallsTest {

  private final RemoteCalls calls = new RemoteCalls(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO)
      .withCircuit(100f, 3, Duration.ofMinutes(1)), new SameThreadExecutor(),
      new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z")));

  private void fail(RuntimeException e) {
    assertThatThrownBy(() -> calls.call("router", "setting weights", () -> {
      throw e;
    })).isInstanceOf(e.getClass());
  }

  @Test
  void permanentFailuresNeitherOpenTheCircuitNorDiluteItsFailureRate() {
    fail(new TransientAdapterException("refused"));
    fail(new PermanentAdapterException("forbidden"));
    fail(new TransientAdapterException("refused"));
    assertThat(calls.circuitState("router")).isEqualTo(CircuitBreaker.State.CLOSED);

    fail(new TransientAdapterException("refused"));

    // three transient failures out of three counted calls: 100 %, so it opens
    assertThat(calls.circuitState("router")).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void onlyPermanentFailuresNeverOpenTheCircuit() {
    for (int i = 0; i < 10; i++) {
      fail(new PermanentAdapterException("forbidden"));
    }

    assertThat(calls.circuitState("router")).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void theBackoffStartsAtTheInitialWaitAndGrowsByTheMultiplier() {
    CallPolicy policy = CallPolicy.ofDefaults();

    assertThat(RemoteCalls.backoffMillis(policy, 1)).isEqualTo(200);
    assertThat(RemoteCalls.backoffMillis(policy, 2)).isEqualTo(400);
    assertThat(RemoteCalls.backoffMillis(policy, 3)).isEqualTo(800);
    assertThat(RemoteCalls.backoffMillis(policy.withRetries(3, Duration.ofMillis(50)), 2)).isEqualTo(100);
  }
}
