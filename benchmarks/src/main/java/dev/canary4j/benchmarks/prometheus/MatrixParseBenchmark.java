package dev.canary4j.benchmarks.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canary4j.prometheus.Series;
import dev.canary4j.prometheus.internal.ApiResponse;
import dev.canary4j.prometheus.internal.ParsedSeries;
import dev.canary4j.prometheus.internal.ResponseParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Parses a {@code query_range} matrix response of at least 10 MiB (about 11 MB) with the adapter's streaming parser and with a
 * plain Jackson {@code readTree}, and prints throughput and bytes allocated per parse.
 *
 * <p>Allocation is the calling thread's, from {@code com.sun.management.ThreadMXBean}. Run:
 * <pre>
 * ./mvnw -q -B -DskipTests package &amp;&amp; java -cp benchmarks/target/canary4j-benchmarks.jar \
 *   dev.canary4j.benchmarks.prometheus.MatrixParseBenchmark
 * </pre>
 */
public final class MatrixParseBenchmark {
  static final int SERIES = 60;
  static final int POINTS_PER_SERIES = 7_000;
  /** The body the README promises: at least 10 MB, counted as 10 MiB to be safe. */
  static final int MIN_BODY_BYTES = 10 * 1024 * 1024;
  static final int WARMUP_ROUNDS = 15;
  static final int MEASURED_ROUNDS = 20;

  private MatrixParseBenchmark() {}

  /** One way of parsing a body, returning a number that depends on all of it (so nothing is optimised away). */
  @FunctionalInterface
  interface Parse {
    double apply(byte[] body) throws IOException;
  }

  /** Generates the matrix body, times both parsers on it and prints the figures. */
  public static void main(String[] args) throws IOException {
    byte[] body = matrixBody(SERIES, POINTS_PER_SERIES, 42);
    if (body.length < MIN_BODY_BYTES) {
      throw new IllegalStateException("the matrix body must be at least " + MIN_BODY_BYTES + " bytes, but was " + body.length);
    }
    long samples = (long) SERIES * POINTS_PER_SERIES;
    ObjectMapper mapper = new ObjectMapper();
    Parse streaming = b -> checksum(ResponseParser.parse(new ByteArrayInputStream(b)));
    Parse tree = b -> checksum(mapper.readTree(new ByteArrayInputStream(b)));
    if (streaming.apply(body) != tree.apply(body)) {
      throw new IllegalStateException("the two parsers disagree about the body");
    }

    System.out.printf(Locale.ROOT, "Matrix body: %,d bytes (%.1f MB, %.1f MiB), %d series x %d samples, %d warm-up and %d measured rounds%n%n",
        body.length, body.length / 1e6, body.length / 1048576.0, SERIES, POINTS_PER_SERIES, WARMUP_ROUNDS, MEASURED_ROUNDS);
    System.out.printf(Locale.ROOT, "%-26s %10s %16s %18s%n", "parser", "MB/s", "alloc MB/parse", "alloc B/sample");
    for (int pass = 0; pass < 2; pass++) {
      // The first pass only warms both up, so that neither is measured before the JIT compiled it.
      report(pass == 1, "streaming (ResponseParser)", streaming, body, samples);
      report(pass == 1, "Jackson readTree", tree, body, samples);
    }
  }

  private static void report(boolean print, String name, Parse parse, byte[] body, long samples) throws IOException {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    double sink = 0;
    for (int i = 0; i < WARMUP_ROUNDS; i++) {
      sink += parse.apply(body);
    }
    long allocatedBefore = threads.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    for (int i = 0; i < MEASURED_ROUNDS; i++) {
      sink += parse.apply(body);
    }
    long nanos = System.nanoTime() - start;
    long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
    if (print) {
      double seconds = nanos / 1e9;
      System.out.printf(Locale.ROOT, "%-26s %10.1f %16.1f %18.1f%s%n", name,
          body.length / 1e6 * MEASURED_ROUNDS / seconds, allocated / 1e6 / MEASURED_ROUNDS,
          (double) allocated / MEASURED_ROUNDS / samples, sink == 0.5 ? " " : "");
    }
  }

  static double checksum(ApiResponse response) {
    double sum = 0;
    for (ParsedSeries parsed : response.result().series()) {
      // The adapter turns each parsed series into a public Series (one copy of its arrays); so does this.
      Series s = new Series(parsed.labels(), parsed.timestamps(), parsed.values());
      sum += s.labels().size();
      for (int i = 0; i < s.size(); i++) {
        sum += finite(s.valueAt(i)) + s.timestampAt(i) % 1000;
      }
    }
    return sum;
  }

  static double checksum(JsonNode root) {
    double sum = 0;
    for (JsonNode s : root.get("data").get("result")) {
      sum += s.get("metric").size();
      for (JsonNode point : s.get("values")) {
        long millis = Math.round(point.get(0).asDouble() * 1000);
        sum += finite(Double.parseDouble(point.get(1).asText())) + millis % 1000;
      }
    }
    return sum;
  }

  private static double finite(double value) {
    return Double.isNaN(value) ? 7 : value;
  }

  /** A response like Prometheus' for a range query over {@code series} pods, with realistic labels and values. */
  static byte[] matrixBody(int series, int points, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(series * points * 32);
    sb.append("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
    for (int s = 0; s < series; s++) {
      sb.append(s == 0 ? "" : ",").append("{\"metric\":{\"__name__\":\"istio_requests_total\",\"destination_workload\":\"checkout-")
          .append(s).append("\",\"destination_workload_namespace\":\"shop\",\"pod\":\"checkout-7d9f8b6c5-").append(1000 + s)
          .append("\",\"reporter\":\"destination\",\"response_code\":\"200\"},\"values\":[");
      long time = 1_700_000_000_000L;
      for (int i = 0; i < points; i++) {
        sb.append(i == 0 ? "" : ",").append('[').append(time / 1000).append('.').append(String.format(Locale.ROOT, "%03d", time % 1000))
            .append(",\"").append(random.nextInt(20) == 0 ? "NaN" : Double.toString(Math.round(random.nextDouble() * 1e6) / 1e3))
            .append("\"]");
        time += 15_000;
      }
      sb.append("]}");
    }
    return sb.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
