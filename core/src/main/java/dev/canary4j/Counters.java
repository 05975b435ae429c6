package dev.canary4j;

import dev.canary4j.policy.LimitKind;

/**
 * The analysis counters of the current revision; all reset when a new revision starts.
 *
 * @param failures failed analysis ticks in total
 * @param consecutiveFailures failed ticks since the last passing one
 * @param inconclusive ticks held because a metric was inconclusive
 * @param errors ticks in which a metric provider failed
 */
public record Counters(int failures, int consecutiveFailures, int inconclusive, int errors) {

  /** No failures, inconclusive ticks or errors: where the analysis of every new revision starts. */
  public static final Counters ZERO = new Counters(0, 0, 0, 0);

  /**
   * The counter that the limit of {@code kind} is compared with.
   *
   * @param kind the limit
   * @return the count of failures, consecutive failures, inconclusive ticks or errors so far
   */
  public int count(LimitKind kind) {
    return switch (kind) {
      case FAILURE -> failures;
      case CONSECUTIVE_FAILURE -> consecutiveFailures;
      case INCONCLUSIVE -> inconclusive;
      case ERROR -> errors;
    };
  }

  /** These counters with the one {@code kind} limits set to zero; the failures reset the consecutive ones too. */
  Counters reset(LimitKind kind) {
    return switch (kind) {
      case FAILURE -> new Counters(0, 0, inconclusive, errors);
      case CONSECUTIVE_FAILURE -> new Counters(failures, 0, inconclusive, errors);
      case INCONCLUSIVE -> new Counters(failures, consecutiveFailures, 0, errors);
      case ERROR -> new Counters(failures, consecutiveFailures, inconclusive, 0);
    };
  }

  Counters failed() {
    return new Counters(failures + 1, consecutiveFailures + 1, inconclusive, errors);
  }

  Counters passed() {
    return consecutiveFailures == 0 ? this : new Counters(failures, 0, inconclusive, errors);
  }

  Counters withInconclusive() {
    return new Counters(failures, consecutiveFailures, inconclusive + 1, errors);
  }

  Counters withError() {
    return new Counters(failures, consecutiveFailures, inconclusive, errors + 1);
  }
}
