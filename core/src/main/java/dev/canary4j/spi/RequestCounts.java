package dev.canary4j.spi;

import dev.canary4j.judge.sequential.LatencyHistogram;

/**
 * Requests one version served over a query's window, counted for judges that test counts (the
 * sequential judge): how many failed, or how their durations fall into histogram buckets.
 *
 * @param requests requests served over the window, at least 0
 * @param errors failed requests among them (5xx for the built-in success rate), or -1 when not counted
 * @param latency the window's latency histogram (the increase of Prometheus' cumulative {@code le}
 *     buckets), or {@code null} when not counted
 */
public record RequestCounts(long requests, long errors, LatencyHistogram latency) {

  /**
   * Checks the counts, naming the bad one.
   *
   * @param requests requests served over the window, at least 0
   * @param errors failed requests, 0 to {@code requests}, or -1 when not counted
   * @param latency the window's latency histogram, or {@code null} when not counted
   */
  public RequestCounts {
    if (requests < 0) {
      throw new IllegalArgumentException("requests must not be negative, but was " + requests);
    }
    if (errors < -1 || errors > requests) {
      throw new IllegalArgumentException("errors must be between 0 and requests (" + requests
          + "), or -1 when not counted, but was " + errors);
    }
  }

  /**
   * {@code errors} failed requests of {@code requests}.
   *
   * @param requests requests served over the window, at least 0
   * @param errors failed requests, 0 to {@code requests}
   * @return counts without a latency histogram
   */
  public static RequestCounts ofErrors(long requests, long errors) {
    return new RequestCounts(requests, errors, null);
  }

  /**
   * The requests of a latency histogram, errors not counted.
   *
   * @param latency the window's latency histogram; its total gives the requests
   * @return counts with errors not counted (-1)
   */
  public static RequestCounts ofLatency(LatencyHistogram latency) {
    return new RequestCounts(latency.total(), -1, latency);
  }

  /**
   * Whether failed requests were counted.
   *
   * @return {@code true} unless {@code errors} is -1
   */
  public boolean countsErrors() {
    return errors >= 0;
  }
}
