package dev.canary4j.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock that stands still until it is advanced; time in simulations and tests. Thread-safe. */
public final class SimulatedClock extends Clock {

  private volatile Instant now;

  /**
   * A clock standing at {@code start} until moved.
   *
   * @param start the clock's first time; not {@code null}
   */
  public SimulatedClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /**
   * Moves the clock forward by {@code amount}, which must not be negative.
   *
   * @param amount how far to move; zero or positive
   */
  public synchronized void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a clock only moves forward, but the amount was " + amount);
    }
    now = now.plus(amount);
  }

  /**
   * Sets the clock to {@code instant}, which must not be before the current time.
   *
   * @param instant the new time; not before the current one
   */
  public synchronized void set(Instant instant) {
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException("a clock only moves forward: " + instant + " is before " + now);
    }
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a simulated clock is always UTC");
  }
}
