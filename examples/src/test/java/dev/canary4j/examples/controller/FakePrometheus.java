package dev.canary4j.examples.controller;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A Prometheus HTTP API for MockWebServer answering the built-in Istio queries of the Prometheus
 * metric source: 1000 requests per version over the window, with the success rate and p99 latency
 * set for the canary; the primary is always healthy (100 %, 120 ms).
 */
final class FakePrometheus extends Dispatcher {

  private final String canary;
  private final String primary;
  private volatile double canarySuccessPercent = 100;
  private volatile double canaryP99Millis = 120;
  private volatile int queries;

  FakePrometheus(String canary, String primary) {
    this.canary = canary;
    this.primary = primary;
  }

  /** Answers from now on that the canary succeeds {@code successPercent} % of requests with this p99. */
  void canary(double successPercent, double p99Millis) {
    this.canarySuccessPercent = successPercent;
    this.canaryP99Millis = p99Millis;
  }

  /** How many queries were answered. */
  int queries() {
    return queries;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (!request.getUrl().encodedPath().equals("/api/v1/query")) {
      return new MockResponse.Builder().code(404).body("404 page not found").build();
    }
    queries++;
    String query = URLDecoder.decode(request.getBody().utf8(), StandardCharsets.UTF_8);
    boolean latency = query.contains("histogram_quantile");
    String figure = latency ? "p99" : "successes";
    String result = String.join(",",
        part(canary, "requests", 1000), part(canary, figure, latency ? canaryP99Millis : 10 * canarySuccessPercent),
        part(primary, "requests", 1000), part(primary, figure, latency ? 120 : 1000));
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}").build();
  }

  private static String part(String workload, String part, double value) {
    return String.format(Locale.ROOT, "{\"metric\":{\"destination_workload\":\"%s\",\"canary4j_part\":\"%s\"},"
        + "\"value\":[1700000000,\"%s\"]}", workload, part, value);
  }
}
