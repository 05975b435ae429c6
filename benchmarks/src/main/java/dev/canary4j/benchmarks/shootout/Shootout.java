package dev.canary4j.benchmarks.shootout;

import dev.canary4j.judge.sequential.SequentialConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The decision-quality shootout: the Flagger default policy, Kayenta-style Mann-Whitney per interval and
 * the sequential judge, each driven through the real state machine on identical simulated traffic, over
 * many seeds per scenario. Prints a Markdown table and the targets.
 *
 * <p>Traffic: 100 requests/s (6 000 a minute), primary error rate 0.5 %, lognormal latency (median
 * 100 ms, sigma 0.5) in Istio's histogram buckets. Scenarios: a good canary; canary errors 1 %, 2 %,
 * 5 %; canary latencies x 1.15 and x 1.30 (p99 +15 %, +30 %).
 *
 * <p>Run from the repository root (the argument is the number of seeds, default 1000):
 * <pre>
 * ./mvnw -q -B -DskipTests package &amp;&amp; java -cp benchmarks/target/canary4j-benchmarks.jar \
 *   dev.canary4j.benchmarks.shootout.Shootout 1000
 * </pre>
 */
public final class Shootout {

  static final double ALPHA = 0.01;
  static final double BETA = 0.01;

  private Shootout() {}

  /** Runs every policy on every scenario and prints the table. */
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    TrafficModel model = new TrafficModel(6000, 0.005, 100, 0.5, TrafficModel.ISTIO_BUCKETS);
    List<Scenario> scenarios = List.of(
        new Scenario("good canary", 0.005, 1.0),
        new Scenario("errors 0.5% -> 1%", 0.01, 1.0),
        new Scenario("errors 0.5% -> 2%", 0.02, 1.0),
        new Scenario("errors 0.5% -> 5%", 0.05, 1.0),
        new Scenario("p99 +15%", 0.005, 1.15),
        new Scenario("p99 +30%", 0.005, 1.30));
    Duration minute = Duration.ofMinutes(1);
    Duration twentySeconds = Duration.ofSeconds(20);
    List<Contestant> contestants = List.of(new FlaggerDefault(model), new FlaggerDefault(model, true),
        new MannWhitneyPerInterval(model),
        new SequentialPolicy(model, 0.25, minute), new SequentialPolicy(model, 0.0, minute),
        new SequentialPolicy(model, 0.25, twentySeconds), new SequentialPolicy(model, 0.0, twentySeconds),
        new SequentialPolicy(model, 0.25, twentySeconds, SequentialConfig.WhileUndecided.HOLD));
    long start = System.nanoTime();
    System.out.printf(Locale.ROOT, "%d seeds per scenario and policy; 6 000 requests/min, primary errors 0.5%%, "
        + "lognormal latency (median 100 ms, sigma 0.5)%n%n", seeds);
    System.out.println("| scenario | policy | rolled back | promoted | minutes to rollback (median / p95) "
        + "| canary requests before rollback (median) | failed canary requests before rollback (median) "
        + "| minutes to promote (median) | SPRT bound (canary requests) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    Summary flagger2 = null;
    Summary flagger2Late = null;
    List<Summary> sequentialGood = new ArrayList<>();
    List<Summary> sequential2 = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      double bound = sprtBound(model, scenario);
      for (Contestant contestant : contestants) {
        Summary s = Summary.of(contestant, model, scenario, seeds);
        System.out.println(s.row(bound));
        boolean sequential = contestant instanceof SequentialPolicy;
        if (scenario.canaryErrorRate() == 0.02 && contestant instanceof FlaggerDefault f) {
          if (f.lateRollbackIntervals() == 0) {
            flagger2 = s;
          } else {
            flagger2Late = s;
          }
        } else if (sequential && scenario.canaryErrorRate() == 0.02) {
          sequential2.add(s);
        } else if (sequential && scenario.good(model)) {
          sequentialGood.add(s);
        }
      }
    }
    System.out.println();
    double sprt2 = sprtBound(model, scenarios.get(2));
    for (int i = 0; i < sequential2.size(); i++) {
      Summary good = sequentialGood.get(i);
      Summary bad = sequential2.get(i);
      System.out.printf(Locale.ROOT, "Targets for %s: false rollback %.2f%% (target <= %.0f%%); 0.5%% -> 2%%: median %.0f "
          + "canary requests before rollback = %.2f x SPRT bound %.0f (target <= 2); Flagger default / sequential "
          + "canary requests = %.2f, with Flagger's timing %.2f (target >= 5)%n", bad.policy(), 100 * good.rollbackRate(),
          100 * ALPHA, bad.medianRequests(), bad.medianRequests() / sprt2, sprt2,
          flagger2.medianRequests() / bad.medianRequests(), flagger2Late.medianRequests() / bad.medianRequests());
    }
    System.out.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - start) / 1e9);
  }

  /**
   * Wald's lower bound on the expected number of canary requests any sequential test needs to tell the
   * scenario's canary from a good one with error probabilities ALPHA and BETA, knowing both rates
   * (Wald-Wolfowitz: the SPRT attains it). Per request the evidence is Bernoulli: an error, or for the
   * latency scenarios a response slower than the primary's p99 bucket bound (500 ms).
   */
  static double sprtBound(TrafficModel model, Scenario scenario) {
    double p0;
    double p1;
    if (scenario.latencyScale() != 1.0) {
      p0 = model.slowerThan(500, 1.0);
      p1 = model.slowerThan(500, scenario.latencyScale());
    } else {
      p0 = model.primaryErrorRate();
      p1 = scenario.canaryErrorRate();
    }
    if (p0 == p1) {
      return Double.NaN;
    }
    double kl = p1 * Math.log(p1 / p0) + (1 - p1) * Math.log((1 - p1) / (1 - p0));
    double numerator = (1 - BETA) * Math.log((1 - BETA) / ALPHA) + BETA * Math.log(BETA / (1 - ALPHA));
    return numerator / kl;
  }

  /** One policy's outcomes in one scenario. */
  record Summary(String scenario, String policy, int seeds, int rolledBack, int promoted, double[] rollbackMinutes,
      double[] requests, double[] errors, double[] promoteMinutes) {

    static Summary of(Contestant contestant, TrafficModel model, Scenario scenario, int seeds) {
      List<RolloutSimulation.Outcome> outcomes = new ArrayList<>();
      for (int seed = 1; seed <= seeds; seed++) {
        outcomes.add(RolloutSimulation.run(contestant, model, scenario, seed));
      }
      List<RolloutSimulation.Outcome> back = outcomes.stream()
          .filter(o -> o.ending() == RolloutSimulation.Ending.ROLLED_BACK).toList();
      List<RolloutSimulation.Outcome> promoted = outcomes.stream()
          .filter(o -> o.ending() == RolloutSimulation.Ending.PROMOTED).toList();
      return new Summary(scenario.name(), contestant.name(), seeds, back.size(), promoted.size(),
          sorted(back.stream().mapToDouble(RolloutSimulation.Outcome::minutes).toArray()),
          sorted(back.stream().mapToDouble(RolloutSimulation.Outcome::canaryRequests).toArray()),
          sorted(back.stream().mapToDouble(RolloutSimulation.Outcome::canaryErrors).toArray()),
          sorted(promoted.stream().mapToDouble(RolloutSimulation.Outcome::minutes).toArray()));
    }

    double rollbackRate() {
      return (double) rolledBack / seeds;
    }

    double medianRequests() {
      return quantile(requests, 0.5);
    }

    String row(double sprtBound) {
      return String.format(Locale.ROOT, "| %s | %s | %.1f%% | %.1f%% | %s / %s | %s | %s | %s | %s |", scenario, policy,
          100.0 * rolledBack / seeds, 100.0 * promoted / seeds, fmt(quantile(rollbackMinutes, 0.5)),
          fmt(quantile(rollbackMinutes, 0.95)), fmt(quantile(requests, 0.5)), fmt(quantile(errors, 0.5)),
          fmt(quantile(promoteMinutes, 0.5)), Double.isNaN(sprtBound) ? "-" : fmt(sprtBound));
    }

    private static double[] sorted(double[] values) {
      Arrays.sort(values);
      return values;
    }

    private static double quantile(double[] sorted, double q) {
      return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private static String fmt(double d) {
      return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, d == Math.rint(d) ? "%.0f" : "%.1f", d);
    }
  }
}
