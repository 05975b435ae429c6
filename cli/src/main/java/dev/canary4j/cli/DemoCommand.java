package dev.canary4j.cli;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.simulation.TrafficModel;
import dev.canary4j.spec.PolicyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The README demo: two canaries run end to end through the runner on simulated traffic under the
 * recommended policy ({@code examples/policies/fast-and-safe.yaml}), a healthy one that is promoted and
 * a bad one (3 % errors, latency growing with its traffic) that is rolled back.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Two simulated canaries end to end: one promoted, one rolled back.", "Runs two simulated canaries end to end under the recommended policy "
        + "(examples/policies/fast-and-safe.yaml): a healthy one that is promoted and a bad one "
        + "(3%% errors, latency growing with its traffic) that is rolled back. Exits 0 when both end as expected."},
    footer = {"", "Example:", "  java -jar canary4j.jar demo"})
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** The recommended policy, on the classpath (copied from examples/policies). */
  static final String POLICY_RESOURCE = "/policies/fast-and-safe.yaml";
  /** Ten-second looks for 20 minutes. */
  private static final int TICKS = 120;

  /** The recommended policy for the canary of {@code name}. */
  static CanaryPolicy policy(String name) {
    try (InputStream in = DemoCommand.class.getResourceAsStream(POLICY_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the demo's policy " + POLICY_RESOURCE + " is missing from the classpath");
      }
      CanaryPolicy policy = PolicyReader.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return policy.toBuilder().target("shop", name).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo's policy " + POLICY_RESOURCE, e);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrafficModel.Behaviour primary = TrafficModel.Behaviour.of(0.1, 80);
    Timeline healthy = Simulation.run(policy("checkout"), Scenario.ofTraffic("healthy", 42, TICKS,
        TrafficModel.of(50, primary, TrafficModel.Behaviour.of(0.1, 80))));
    Timeline bad = Simulation.run(policy("payments"), Scenario.ofTraffic("bad", 42, TICKS,
        TrafficModel.of(50, primary, new TrafficModel.Behaviour(3, 90, 0.3, 2))));
    out.println("canary4j demo: two canaries under examples/policies/fast-and-safe.yaml: 10% steps up to 50% once a"
        + " minute, two-sided sequential tests of errors and latency against the primary looking every 10 s");
    TimelinePrinter.print("healthy", healthy, out);
    TimelinePrinter.print("bad", bad, out);
    return healthy.promoted() && bad.rolledBack() ? ExitCode.PASS : ExitCode.FAIL;
  }
}
