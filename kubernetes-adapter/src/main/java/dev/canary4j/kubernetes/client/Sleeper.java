package dev.canary4j.kubernetes.client;

import java.time.Duration;

/** Waits between retries; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** The real thing: {@link Thread#sleep}. */
  Sleeper THREAD = d -> Thread.sleep(d.toMillis());

  /**
   * Waits {@code duration}; throws when interrupted.
   *
   * @param duration how long to wait; zero or positive
   * @throws java.lang.InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
