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
 * @param callBudget longest time all attempts of one call and the waits between them may take; a wait
 *     (the backoff, or a longer {@code Retry-After} the remote asked for) that would end past it is not
 *     made: the call fails at once, saying so
 */
public record CallPolicy(int maxAttempts, Duration initialBackoff, double backoffMultiplier, Duration timeLimit,
    float failureRateThreshold, int minimumCalls, Duration openDuration, Duration callBudget) {

  /** Default attempts: three. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** Default wait before the first retry: 200 milliseconds. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
  /** Default time limit per attempt: ten seconds. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);
  /** Default budget of one call, attempts and waits included: thirty seconds. */
  public static final Duration DEFAULT_CALL_BUDGET = Duration.ofSeconds(30);

  /**
   * Checks every field, throwing on the first that is out of range.
   *
   * @param maxAttempts attempts per call, at least 1
   * @param initialBackoff wait before the second attempt, 0 or more
   * @param backoffMultiplier factor applied to the wait after each attempt, at least 1
   * @param timeLimit longest time one attempt may take; positive
   * @param failureRateThreshold percentage of failed calls that opens the circuit, above 0 and at most 100
   * @param minimumCalls calls recorded before the failure rate counts, at least 1
   * @param openDuration how long an open circuit rejects calls; positive
   * @param callBudget longest time all attempts of one call and the waits between them may take; positive
   */
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
    Objects.requireNonNull(callBudget, "callBudget");
    if (callBudget.isNegative() || callBudget.isZero()) {
      throw new IllegalArgumentException("callBudget must be greater than 0, but was " + callBudget);
    }
  }

  /**
   * Three attempts with 200 ms doubling backoff, ten seconds per attempt, thirty seconds per call, a
   * 50 % circuit over 10 calls open for 30 s.
   *
   * @return the default policy
   */
  public static CallPolicy ofDefaults() {
    return new CallPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, 2.0, DEFAULT_TIME_LIMIT, 50f, 10,
        Duration.ofSeconds(30), DEFAULT_CALL_BUDGET);
  }

  /**
   * This policy with {@code attempts} attempts and {@code backoff} before the first retry.
   *
   * @param attempts attempts per call, at least 1 (1 means no retry)
   * @param backoff wait before the second attempt, 0 or more; later waits grow by the multiplier
   * @return a new policy; this one is unchanged
   */
  public CallPolicy withRetries(int attempts, Duration backoff) {
    return new CallPolicy(attempts, backoff, backoffMultiplier, timeLimit, failureRateThreshold, minimumCalls, openDuration, callBudget);
  }

  /**
   * This policy with {@code limit} per attempt.
   *
   * @param limit longest time one attempt may take; positive
   * @return a new policy; this one is unchanged
   */
  public CallPolicy withTimeLimit(Duration limit) {
    return new CallPolicy(maxAttempts, initialBackoff, backoffMultiplier, limit, failureRateThreshold, minimumCalls, openDuration, callBudget);
  }

  /**
   * This policy with {@code budget} for all attempts and waits of one call.
   *
   * @param budget longest time all attempts and waits of one call may take; positive
   * @return a new policy; this one is unchanged
   */
  public CallPolicy withCallBudget(Duration budget) {
    return new CallPolicy(maxAttempts, initialBackoff, backoffMultiplier, timeLimit, failureRateThreshold, minimumCalls,
        openDuration, budget);
  }

  /**
   * This policy with a circuit that opens at {@code threshold} percent failures over {@code calls} calls.
   *
   * @param threshold percentage of failed calls that opens the circuit, above 0 and at most 100
   * @param calls calls recorded before the failure rate counts, at least 1
   * @param open how long an open circuit rejects calls; positive
   * @return a new policy; this one is unchanged
   */
  public CallPolicy withCircuit(float threshold, int calls, Duration open) {
    return new CallPolicy(maxAttempts, initialBackoff, backoffMultiplier, timeLimit, threshold, calls, open, callBudget);
  }
}
