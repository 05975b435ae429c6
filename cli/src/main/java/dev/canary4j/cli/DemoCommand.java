package dev.canary4j.cli;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.simulation.TrafficModel;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The README demo: two canaries run end to end through the runner on simulated traffic, a healthy one
 * that is promoted and a bad one (3 % errors, latency growing with its traffic) that is rolled back.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Two simulated canaries end to end: one promoted, one rolled back.", "Runs two simulated canaries end to end: a healthy one that is promoted and a bad one "
        + "(3%% errors, latency growing with its traffic) that is rolled back. Exits 0 when both end as expected."},
    footer = {"", "Example:", "  java -jar canary4j.jar demo"})
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** The demo's policy: 10 % steps up to 50 %, success rate >= 99 %, p99 <= 300 ms, three failures roll back. */
  static CanaryPolicy policy(String name) {
    return CanaryPolicy.builder()
        .target("shop", name)
        .strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofMinutes(1))
        .metric(MetricCheck.successRate(99).withMinRequests(100))
        .metric(MetricCheck.latencyP99(300))
        .limits(new Limits(Limit.rollbackAt(3), null, null, null))
        .build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrafficModel.Behaviour primary = TrafficModel.Behaviour.of(0.1, 80);
    Timeline healthy = Simulation.run(policy("checkout"), Scenario.ofTraffic("healthy", 42, 30,
        TrafficModel.of(50, primary, TrafficModel.Behaviour.of(0.1, 85))));
    Timeline bad = Simulation.run(policy("payments"), Scenario.ofTraffic("bad", 42, 30,
        TrafficModel.of(50, primary, new TrafficModel.Behaviour(3, 90, 0.3, 2))));
    out.println("canary4j demo: two canaries, 10% steps up to 50%, success rate >= 99%, p99 <= 300 ms");
    TimelinePrinter.print("healthy", healthy, out);
    TimelinePrinter.print("bad", bad, out);
    return healthy.promoted() && bad.rolledBack() ? ExitCode.PASS : ExitCode.FAIL;
  }
}
