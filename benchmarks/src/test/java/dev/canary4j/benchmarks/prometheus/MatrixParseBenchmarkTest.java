package dev.canary4j.benchmarks.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.prometheus.internal.ResponseParser;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** Keeps the benchmark's body what the README says it is: a matrix response of at least 10 MB. */
class MatrixParseBenchmarkTest {

  @Test
  void theBenchmarkedBodyIsAtLeastTenMebibytes() {
    byte[] body = MatrixParseBenchmark.matrixBody(MatrixParseBenchmark.SERIES, MatrixParseBenchmark.POINTS_PER_SERIES, 42);

    assertThat(body.length).isGreaterThanOrEqualTo(MatrixParseBenchmark.MIN_BODY_BYTES).isGreaterThanOrEqualTo(10_485_760);
  }

  @Test
  void bothParsersReadTheSameSamplesFromTheBody() throws Exception {
    byte[] body = MatrixParseBenchmark.matrixBody(3, 50, 7);

    double streaming = MatrixParseBenchmark.checksum(ResponseParser.parse(new ByteArrayInputStream(body)));
    double tree = MatrixParseBenchmark.checksum(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));

    assertThat(streaming).isEqualTo(tree).isPositive();
  }
}
