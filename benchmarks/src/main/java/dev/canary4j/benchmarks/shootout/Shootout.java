package dev.canary4j.benchmarks.shootout;

import dev.canary4j.judge.sequential.SequentialConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decision-quality shootout: the Flagger default policy, Kayenta-style Mann-Whitney per interval and
 * the sequential judge, each driven through the real state machine on identical simulated traffic, over
 * many seeds per scenario. Prints a Markdown table and the targets.
 *
 * <p>Traffic: 20, 100 and 200 requests/s, primary error rate 0.5 %, lognormal latency (median
 * 100 ms, sigma 0.5) in Istio's histogram buckets. Scenarios: a good canary; canary errors 1 %, 2 %,
 * 5 %; canary latencies x 1.15 and x 1.30 (p99 +15 %, +30 %).
 *
 * <p>Run from the repository root (the arguments are the number of seeds, default 1000, and the
 * request rates, default 20 100 200):
 * <pre>
 * ./mvnw -q -B -DskipTests package &amp;&amp; java -cp benchmarks/target/canary4j-benchmarks.jar \
 *   dev.canary4j.benchmarks.shootout.Shootout 1000
 * </pre>
 */
public final class Shootout {

  static final double ALPHA = 0.01;
  static final double BETA = 0.01;
  /** The primary's p95 (about 227 ms) lies in Istio's 100-250 ms bucket. */
  static final double SLOW_BOUND_MILLIS = 250;

  private Shootout() {}

  /** Runs every policy on every scenario at each traffic rate and prints the tables and the targets. */
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int[] rates = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {20, 100, 200};
    long start = System.nanoTime();
    for (int rps : rates) {
      run(seeds, rps);
    }
    System.out.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - start) / 1e9);
  }

  static List<Scenario> scenarios() {
    return List.of(
        new Scenario("good canary", 0.005, 1.0),
        new Scenario("errors 0.5% -> 1%", 0.01, 1.0),
        new Scenario("errors 0.5% -> 2%", 0.02, 1.0),
        new Scenario("errors 0.5% -> 5%", 0.05, 1.0),
        new Scenario("p99 +15%", 0.005, 1.15),
        new Scenario("p99 +30%", 0.005, 1.30));
  }

  static List<Contestant> contestants(TrafficModel model) {
    Duration minute = Duration.ofMinutes(1);
    Duration twentySeconds = Duration.ofSeconds(20);
    return List.of(new FlaggerDefault(model), new FlaggerDefault(model, true),
        new MannWhitneyPerInterval(model),
        new SequentialPolicy(model, 0.25, minute), new SequentialPolicy(model, 0.0, minute),
        new SequentialPolicy(model, 0.25, twentySeconds), new SequentialPolicy(model, 0.0, twentySeconds),
        new SequentialPolicy(model, 0.25, twentySeconds, SequentialConfig.WhileUndecided.HOLD),
        SequentialPolicy.twoSided(model, Duration.ofSeconds(10)));
  }

  private static void run(int seeds, int rps) {
    TrafficModel model = new TrafficModel(60L * rps, 0.005, 100, 0.5, TrafficModel.ISTIO_BUCKETS);
    List<Scenario> scenarios = scenarios();
    List<Contestant> contestants = contestants(model);
    System.out.printf(Locale.ROOT, "### %d requests/s%n%n%d seeds per scenario and policy; %d requests/min, primary errors 0.5%%, "
        + "lognormal latency (median 100 ms, sigma 0.5)%n%n", rps, seeds, 60 * rps);
    System.out.println("| scenario | policy | rolled back | promoted | undecided at " + RolloutSimulation.MAX_MINUTES
        + " min | minutes to rollback (median / p95) | canary requests before rollback (median) "
        + "| failed canary requests before rollback (median) | minutes to promote (median) | SPRT bound (canary requests) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    Map<String, Summary> byKey = new LinkedHashMap<>();
    for (Scenario scenario : scenarios) {
      double bound = sprtBound(model, scenario);
      for (Contestant contestant : contestants) {
        Summary s = Summary.of(contestant, model, scenario, seeds);
        byKey.put(scenario.name() + "|" + contestant.name(), s);
        System.out.println(s.row(bound));
      }
    }
    System.out.println();
    String twoSided = contestants.get(contestants.size() - 1).name();
    String flagger = contestants.get(0).name();
    String flaggerLate = contestants.get(1).name();
    Summary good = byKey.get("good canary|" + twoSided);
    Summary one = byKey.get("errors 0.5% -> 1%|" + twoSided);
    Summary two = byKey.get("errors 0.5% -> 2%|" + twoSided);
    Summary p15 = byKey.get("p99 +15%|" + twoSided);
    Summary p30 = byKey.get("p99 +30%|" + twoSided);
    double sprt2 = sprtBound(model, scenarios.get(2));
    double sprt30 = sprtBound(model, scenarios.get(5));
    System.out.printf(Locale.ROOT, "Targets at %d requests/s for the two-sided design:%n", rps);
    System.out.printf(Locale.ROOT, "* good canary: rolled back %.1f%% (<= 1%%), promoted %.1f%% (>= 99%%), median %s min to promote (<= %s,"
        + " Flagger's)%n", 100 * good.rollbackRate(), 100 * good.promoteRate(), Summary.fmt(good.medianPromoteMinutes()),
        Summary.fmt(byKey.get("good canary|" + flagger).medianPromoteMinutes()));
    System.out.printf(Locale.ROOT, "* 0.5%% -> 1%%: rolled back %.1f%% (>= 90%%; Flagger %.1f%%)%n", 100 * one.rollbackRate(),
        100 * byKey.get("errors 0.5% -> 1%|" + flagger).rollbackRate());
    System.out.printf(Locale.ROOT, "* 0.5%% -> 2%%: rolled back %.1f%% (100%%), median %s canary requests = %.2f x Wald's bound %.0f"
        + " (<= 2); Flagger / two-sided = %.1f, with Flagger's timing %.1f (>= 5)%n", 100 * two.rollbackRate(),
        Summary.fmt(two.medianRequests()), two.medianRequests() / sprt2, sprt2,
        byKey.get("errors 0.5% -> 2%|" + flagger).medianRequests() / two.medianRequests(),
        byKey.get("errors 0.5% -> 2%|" + flaggerLate).medianRequests() / two.medianRequests());
    System.out.printf(Locale.ROOT, "* p99 +15%%: rolled back %.1f%% (>= 90%%); +30%%: %.1f%% (100%%), median %s canary requests ="
        + " %.2f x the bound %.0f (<= 2)%n%n", 100 * p15.rollbackRate(), 100 * p30.rollbackRate(),
        Summary.fmt(p30.medianRequests()), p30.medianRequests() / sprt30, sprt30);
  }

  /**
   * Wald's lower bound on the expected number of canary requests any sequential test needs to tell the
   * scenario's canary from a good one with error probabilities ALPHA and BETA, knowing both rates
   * (Wald-Wolfowitz: the SPRT attains it). Per request the evidence is Bernoulli: an error, or for the
   * latency scenarios a response slower than the bound the sequential judges count against: the upper
   * bound of the bucket holding the primary's p95 (250 ms).
   */
  static double sprtBound(TrafficModel model, Scenario scenario) {
    double p0;
    double p1;
    if (scenario.latencyScale() != 1.0) {
      p0 = model.slowerThan(SLOW_BOUND_MILLIS, 1.0);
      p1 = model.slowerThan(SLOW_BOUND_MILLIS, scenario.latencyScale());
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

    double promoteRate() {
      return (double) promoted / seeds;
    }

    double medianPromoteMinutes() {
      return quantile(promoteMinutes, 0.5);
    }

    String row(double sprtBound) {
      return String.format(Locale.ROOT, "| %s | %s | %.1f%% | %.1f%% | %.1f%% | %s / %s | %s | %s | %s | %s |", scenario, policy,
          100.0 * rolledBack / seeds, 100.0 * promoted / seeds, 100.0 * (seeds - rolledBack - promoted) / seeds,
          fmt(quantile(rollbackMinutes, 0.5)),
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

    static String fmt(double d) {
      return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, d == Math.rint(d) ? "%.0f" : "%.1f", d);
    }
  }
}
