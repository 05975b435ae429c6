package dev.canary4j.judge.sequential;

/**
 * Requests one version served in one tick and how many of them were bad (errors, or slow requests).
 *
 * @param requests requests served in the tick, at least 0
 * @param bad requests among them that count against the version, between 0 and {@code requests}
 */
public record TickCounts(long requests, long bad) {

  /**
   * Checks both counts, naming the bad one.
   *
   * @param requests requests served in the tick, at least 0
   * @param bad requests among them that count against the version, 0 to {@code requests}
   */
  public TickCounts {
    if (requests < 0) {
      throw new IllegalArgumentException("requests must not be negative, but was " + requests);
    }
    if (bad < 0 || bad > requests) {
      throw new IllegalArgumentException("bad requests must be between 0 and requests (" + requests + "), but was " + bad);
    }
  }

  /**
   * {@code bad} of {@code requests} requests.
   *
   * @param requests requests served in the tick, at least 0
   * @param bad requests among them that count against the version, 0 to {@code requests}
   * @return the counts
   */
  public static TickCounts of(long requests, long bad) {
    return new TickCounts(requests, bad);
  }
}
