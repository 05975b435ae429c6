package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.canary4j.judge.sequential.LatencyHistogram;
import dev.canary4j.spi.MetricSeries;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Series and histograms for windows and rates far beyond what drawing request by request could serve. */
class TrafficDetailsTest {

  private final TrafficDetails details = new TrafficDetails(new Random(3));
  private final TrafficModel.Behaviour behaviour = new TrafficModel.Behaviour(2, 100, 0.5, 0);

  @Test
  void aHistogramOfAYearOfRequestsIsDrawnInAggregateWithTheLogNormalsShares() {
    long requests = 10_000L * 366 * 24 * 3600; // the largest rate over the longest window

    LatencyHistogram h = details.histogram(behaviour, requests, 50);

    assertThat(h.total()).isEqualTo(requests);
    // median 100 ms exactly on a bucket bound: half the requests at or below it
    int at100 = java.util.Arrays.binarySearch(TrafficDetails.ISTIO_BUCKETS, 100);
    assertThat((double) h.cumulativeCounts()[at100] / requests).isCloseTo(0.5, within(1e-4));
    // P(latency <= 250 ms) = Phi(ln(2.5) / 0.5) = 0.96662
    int at250 = java.util.Arrays.binarySearch(TrafficDetails.ISTIO_BUCKETS, 250);
    assertThat((double) h.cumulativeCounts()[at250] / requests).isCloseTo(0.96662, within(1e-4));
  }

  @Test
  void aSeriesOverAYearHasAtMostPrometheusesPointCapAndTheErrorRateDrawnInAggregate() {
    long requests = 10_000L * 366 * 24 * 3600;

    MetricSeries series = details.series(behaviour, requests, 50, Duration.ofDays(366), false);

    assertThat(series.values()).hasSize(TrafficDetails.MAX_POINTS);
    assertThat(series.timestamps()[1] - series.timestamps()[0]).isEqualTo(Duration.ofDays(366).toMillis() / TrafficDetails.MAX_POINTS);
    assertThat(java.util.Arrays.stream(series.values()).boxed().toList()).allSatisfy(v -> assertThat(v).isCloseTo(98.0, within(0.02)));
  }

  @Test
  void smallWindowsKeepTheirTenSecondSteps() {
    MetricSeries series = details.series(behaviour, 6_000, 50, Duration.ofMinutes(1), true);

    assertThat(series.values()).hasSize(6);
    assertThat(series.timestamps()[1]).isEqualTo(10_000);
  }
}
