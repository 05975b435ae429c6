package dev.canary4j.prometheus;

import java.time.Duration;
import java.time.Instant;

/** Chooses the range-query points of a raw series so that each point covers its own step of the window. */
final class SeriesSteps {
  /** Prometheus refuses range queries of more than 11,000 points. */
  static final long MAX_POINTS = 11_000;

  private final Duration step;

  SeriesSteps(Duration step) {
    this.step = step;
  }

  /**
   * The points for a window of {@code window} ending at {@code end}: {@code end}, {@code end - step}, ...
   * down to the first point whose step still lies inside the window.
   */
  Range rangeFor(Instant end, Duration window) {
    long windowMillis = window.toMillis();
    long stepMillis = Math.min(windowMillis, Math.max(step.toMillis(), ceilDiv(windowMillis, MAX_POINTS)));
    long points = Math.max(1, windowMillis / stepMillis);
    Duration effective = Duration.ofMillis(stepMillis);
    return new Range(end.minus(effective.multipliedBy(points - 1)), end, effective);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** Range-query bounds and step. */
  record Range(Instant start, Instant end, Duration step) {}
}
