package dev.canary4j.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallPolicyTest {

  @Test
  void theDefaultsAreThreeAttemptsTenSecondsAndAHalfFailingCircuit() {
    CallPolicy p = CallPolicy.ofDefaults();

    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.timeLimit()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.failureRateThreshold()).isEqualTo(50f);
  }

  @Test
  void eachSettingSaysWhatItGotWhenItIsOutOfRange() {
    CallPolicy p = CallPolicy.ofDefaults();

    assertThatThrownBy(() -> p.withRetries(0, Duration.ZERO))
        .hasMessage("maxAttempts must be at least 1, but was 0");
    assertThatThrownBy(() -> p.withRetries(2, Duration.ofMillis(-1)))
        .hasMessage("initialBackoff must not be negative, but was PT-0.001S");
    assertThatThrownBy(() -> p.withTimeLimit(Duration.ZERO))
        .hasMessage("timeLimit must be greater than 0, but was PT0S");
    assertThatThrownBy(() -> p.withCircuit(120f, 10, Duration.ofSeconds(1)))
        .hasMessage("failureRateThreshold must be greater than 0 and at most 100, but was 120.0");
    assertThatThrownBy(() -> p.withCircuit(50f, 0, Duration.ofSeconds(1)))
        .hasMessage("minimumCalls must be at least 1, but was 0");
  }
}
