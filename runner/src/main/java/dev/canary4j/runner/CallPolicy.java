package dev.canary4j.runner;

import java.time.Duration;
import java.util.Objects;

/**
 * How the runner protects every remote call: attempts and exponential backoff for transient
 * failures, a time limit per attempt, and a circuit breaker per adapter.
 *
 * @param maxAttempts attempts per call, at least 1; only transient failures are retried
 * @param initialBackoff wait before the second attempt, 0 or more
 * @param backoffMultiplier factor applied to the wait after each attempt, at least 1
 * @param timeLimit longest time one attempt may take
 * @param failureRateThreshold percentage of failed calls that opens the circuit, above 0 and at most 100
 * @param minimumCalls calls recorded before the failure rate counts, at least 1
 * @param openDuration how long an open circuit rejects calls before it lets a trial call through
 */
public record CallPolicy(int maxAttempts, Duration initialBackoff, double backoffMultiplier, Duration timeLimit,
    float failureRateThreshold, int minimumCalls, Duration openDuration) {

  /** Default attempts: three. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** Default wait before the first retry: 200 milliseconds. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
  /** Default time limit per attempt: ten seconds. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);

  public CallPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff must not be negative, but was " + initialBackoff);
    }
    if (!(backoffMultiplier >= 1)) {
      throw new IllegalArgumentException("backoffMultiplier must be at least 1, but was " + backoffMultiplier);
    }
    Objects.requireNonNull(timeLimit, "timeLimit");
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be greater than 0, but was " + timeLimit);
    }
    if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
      throw new IllegalArgumentException(
          "failureRateThreshold must be greater than 0 and at most 100, but was " + failureRateThreshold);
    }
    if (minimumCalls < 1) {
      throw new IllegalArgumentException("minimumCalls must be at least 1, but was " + minimumCalls);
    }
    Objects.requireNonNull(openDuration, "openDuration");
    if (openDuration.isNegative() || openDuration.isZero()) {
      throw new IllegalArgumentException("openDuration must be greater than 0, but was " + openDuration);
    }
  }

  /** Three attempts with 200 ms doubling backoff, ten seconds per attempt, a 50 % circuit over 10 calls open for 30 s. */
  public static CallPolicy ofDefaults() {
    return new CallPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, 2.0, DEFAULT_TIME_LIMIT, 50f, 10,
        Duration.ofSeconds(30));
  }

  /** This policy with {@code attempts} attempts and {@code backoff} before the first retry. */
  public CallPolicy withRetries(int attempts, Duration backoff) {
    return new CallPolicy(attempts, backoff, backoffMultiplier, timeLimit, failureRateThreshold, minimumCalls, openDuration);
  }

  /** This policy with {@code limit} per attempt. */
  public CallPolicy withTimeLimit(Duration limit) {
    return new CallPolicy(maxAttempts, initialBackoff, backoffMultiplier, limit, failureRateThreshold, minimumCalls, openDuration);
  }

  /** This policy with a circuit that opens at {@code threshold} percent failures over {@code calls} calls. */
  public CallPolicy withCircuit(float threshold, int calls, Duration open) {
    return new CallPolicy(maxAttempts, initialBackoff, backoffMultiplier, timeLimit, threshold, calls, open);
  }
}
