package dev.canary4j.simulation;

import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.Measurement;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.MetricSource;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RequestCounts;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.spi.TransientAdapterException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The metric source of a simulation: scripted values where the scenario has them, otherwise the
 * built-in metrics computed from traffic the {@link TrafficModel} generates at the router's current
 * weights. One random stream, seeded by the scenario, makes the run repeatable. Not thread-safe;
 * a simulation runs on one thread.
 */
final class ScenarioMetrics implements MetricSource {

  /** Latency samples drawn per version and tick at most; the p99 of more would not move. */
  private static final int MAX_LATENCY_SAMPLES = 5_000;

  private record VersionStats(long requests, long errors, double p99, int samples) {}

  private record Generated(VersionStats primary, VersionStats canary) {}

  private final Scenario scenario;
  private final TrafficRouter router;
  private final Random random;
  private final Map<String, Integer> analyses = new HashMap<>();
  private final Map<Duration, Generated> thisTick = new HashMap<>();
  private final TrafficDetails details;

  ScenarioMetrics(Scenario scenario, TrafficRouter router) {
    this.scenario = scenario;
    this.router = router;
    this.random = new Random(scenario.seed());
    // Series and histograms draw from their own stream, so that asking for them leaves the values alone.
    this.details = new TrafficDetails(new Random(scenario.seed() ^ 0x5DEECE66DL));
  }

  /** Forgets the traffic generated for the previous tick. */
  void nextTick() {
    thisTick.clear();
  }

  @Override
  public MetricObservation measure(MetricQuery query) {
    String name = query.metric().name();
    int analysis = analyses.merge(name, 1, Integer::sum) - 1;
    MetricScript script = scenario.metrics().get(name);
    if (script != null) {
      MetricScript.Sample canary = script.canaryAt(analysis);
      if (canary.error()) {
        throw new TransientAdapterException("scripted provider error for metric '" + name + "' at its analysis "
            + (analysis + 1));
      }
      return MetricObservation.of(measurement(canary, script.requests()),
          measurement(script.primaryAt(analysis), script.requests()));
    }
    TrafficModel model = scenario.traffic();
    if (model == null || !query.metric().isBuiltIn()) {
      throw new PermanentAdapterException("the scenario has no values for metric '" + name + "'"
          + (model == null ? " and no traffic model" : "; the traffic model only generates the built-in metrics "
              + MetricCheck.REQUEST_SUCCESS_RATE + " and " + MetricCheck.REQUEST_DURATION));
    }
    TrafficSplit split = router.observe(query.target());
    Generated g = thisTick.computeIfAbsent(query.window(), w -> generate(model, split, w));
    boolean latency = MetricCheck.REQUEST_DURATION.equals(name);
    MetricObservation seen = new MetricObservation(latency ? p99(g.canary()) : successRate(g.canary()),
        latency ? p99(g.primary()) : successRate(g.primary()),
        query.rawSeries() ? details.series(model.canary(), g.canary().requests(), split.canary(), query.window(), latency) : null,
        query.rawSeries() ? details.series(model.primary(), g.primary().requests(), split.primary(), query.window(), latency) : null);
    if (!query.requestCounts()) {
      return seen;
    }
    return latency
        ? seen.withCounts(RequestCounts.ofLatency(details.histogram(model.canary(), g.canary().requests(), split.canary())),
            RequestCounts.ofLatency(details.histogram(model.primary(), g.primary().requests(), split.primary())))
        : seen.withCounts(RequestCounts.ofErrors(g.canary().requests(), g.canary().errors()),
            RequestCounts.ofErrors(g.primary().requests(), g.primary().errors()));
  }

  private static Measurement measurement(MetricScript.Sample sample, long requests) {
    return sample.value() == null ? Measurement.noData() : new Measurement(sample.value(), requests, -1);
  }

  private static Measurement successRate(VersionStats s) {
    return s.requests() == 0 ? Measurement.noData()
        : new Measurement(100.0 * (s.requests() - s.errors()) / s.requests(), s.requests(), s.requests());
  }

  private static Measurement p99(VersionStats s) {
    return s.samples() == 0 ? Measurement.noData() : new Measurement(s.p99(), s.requests(), s.samples());
  }

  private Generated generate(TrafficModel model, TrafficSplit split, Duration window) {
    double seconds = window.toMillis() / 1000.0;
    double primaryRate = model.requestsPerSecond() * split.primary() / 100.0;
    double canaryRate = model.requestsPerSecond() * split.canary() / 100.0
        + primaryRate * split.mirror() / 100.0 + model.loadTestRequestsPerSecond();
    VersionStats primary = version(model.primary(), Math.round(primaryRate * seconds), split.primary());
    VersionStats canary = version(model.canary(), Math.round(canaryRate * seconds), split.canary());
    return new Generated(primary, canary);
  }

  private VersionStats version(TrafficModel.Behaviour b, long requests, int weight) {
    long errors = binomial(requests, b.errorPercent() / 100.0);
    int samples = (int) Math.min(requests, MAX_LATENCY_SAMPLES);
    if (samples == 0) {
      return new VersionStats(requests, errors, Double.NaN, 0);
    }
    double median = b.latencyMedianMs() + b.latencyPerWeightMs() * weight;
    double[] latencies = new double[samples];
    for (int i = 0; i < samples; i++) {
      latencies[i] = median * Math.exp(b.latencySpread() * random.nextGaussian());
    }
    Arrays.sort(latencies);
    double p99 = latencies[Math.max(0, (int) Math.ceil(0.99 * samples) - 1)];
    return new VersionStats(requests, errors, Math.round(p99 * 10) / 10.0, samples);
  }

  private long binomial(long n, double p) {
    if (n <= 20_000) {
      long hits = 0;
      for (long i = 0; i < n; i++) {
        if (random.nextDouble() < p) {
          hits++;
        }
      }
      return hits;
    }
    double mean = n * p;
    double sd = Math.sqrt(n * p * (1 - p));
    return Math.max(0, Math.min(n, Math.round(mean + sd * random.nextGaussian())));
  }
}
