package dev.canary4j.prometheus.internal;

import dev.canary4j.policy.Target;

/**
 * The PromQL of the built-in Istio metrics, one query per metric for both versions.
 *
 * <p>Each query returns, per {@code destination_workload}, a few series told apart by the label
 * {@value #PART_LABEL}: the request count over the window ({@value #REQUESTS}) and the figure the
 * metric needs ({@value #SUCCESSES} or {@value #P99}). Counting the requests in the same query lets
 * the caller tell "no traffic" from a value, and one query means one evaluation time for both versions.
 */
public final class IstioQueries {
  /** Label telling the parts of a built-in query's answer apart. */
  public static final String PART_LABEL = "canary4j_part";
  /** Part: requests over the window. */
  public static final String REQUESTS = "requests";
  /** Part: non-5xx requests over the window. */
  public static final String SUCCESSES = "successes";
  /** Part: 99th percentile of request duration in milliseconds. */
  public static final String P99 = "p99";
  /** The label naming the workload that served a request. */
  public static final String WORKLOAD_LABEL = "destination_workload";

  private IstioQueries() {}

  /** Requests and non-5xx requests over {@code window} (a PromQL duration), per workload. */
  public static String successRate(Target target, String window) {
    String all = "istio_requests_total{" + selector(target) + "}";
    String ok = "istio_requests_total{" + selector(target) + ",response_code!~\"5..\"}";
    return tag(REQUESTS, "sum by (" + WORKLOAD_LABEL + ") (increase(" + all + "[" + window + "]))")
        + " or " + tag(SUCCESSES, "sum by (" + WORKLOAD_LABEL + ") (increase(" + ok + "[" + window + "]))");
  }

  /** Requests and the p99 duration in milliseconds over {@code window} (a PromQL duration), per workload. */
  public static String requestDuration(Target target, String window) {
    String buckets = "istio_request_duration_milliseconds_bucket{" + selector(target) + "}";
    String total = "istio_request_duration_milliseconds_bucket{" + selector(target) + ",le=\"+Inf\"}";
    return tag(REQUESTS, "sum by (" + WORKLOAD_LABEL + ") (increase(" + total + "[" + window + "]))")
        + " or " + tag(P99, "histogram_quantile(0.99, sum by (" + WORKLOAD_LABEL + ", le) (rate(" + buckets + "[" + window + "])))");
  }

  /**
   * The increase of every latency bucket over {@code window} (a PromQL duration), per workload and
   * {@code le}: each version's latency histogram of the window, for counting slow requests.
   */
  public static String durationBuckets(Target target, String window) {
    return "sum by (" + WORKLOAD_LABEL + ", le) (increase(istio_request_duration_milliseconds_bucket{"
        + selector(target) + "}[" + window + "]))";
  }

  private static String selector(Target target) {
    return "reporter=\"destination\",destination_workload_namespace=" + PromQlLiterals.quoted(target.namespace())
        + "," + WORKLOAD_LABEL + "=~" + PromQlLiterals.quoted(PromQlLiterals.escapeRegex(target.canary())
        + "|" + PromQlLiterals.escapeRegex(target.primary()));
  }

  private static String tag(String part, String expression) {
    // An empty source label and regex always match, so every series gains the part label.
    return "label_replace(" + expression + ", \"" + PART_LABEL + "\", \"" + part + "\", \"\", \"\")";
  }
}
