package dev.canary4j.test;

import dev.canary4j.simulation.Timeline;

/**
 * Entry point of the rollout assertions, to import statically beside AssertJ's own:
 *
 * <pre>{@code
 * RolloutAssertions.assertThat(timeline)
 *     .rolledBackWithin(4)
 *     .neverAbove(20)
 *     .failedOn("request-success-rate");
 * }</pre>
 */
public final class RolloutAssertions {

  private RolloutAssertions() {}

  /**
   * Assertions over {@code timeline}; a failure message shows the whole timeline, tick by tick.
   *
   * @param timeline the simulated run to check
   * @return the assertions, to chain
   */
  public static TimelineAssert assertThat(Timeline timeline) {
    return new TimelineAssert(timeline);
  }
}
