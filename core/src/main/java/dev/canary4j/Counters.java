package dev.canary4j;

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

  Counters failed() {
    return new Counters(failures + 1, consecutiveFailures + 1, inconclusive, errors);
  }

  Counters passed() {
    return new Counters(failures, 0, inconclusive, errors);
  }

  Counters withInconclusive() {
    return new Counters(failures, consecutiveFailures, inconclusive + 1, errors);
  }

  Counters withError() {
    return new Counters(failures, consecutiveFailures, inconclusive, errors + 1);
  }
}
