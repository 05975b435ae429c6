package dev.canary4j.cli;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.simulation.Timeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulate}: runs a policy through a scenario, prints the timeline and optionally writes it as JSON. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Run a policy through a scenario file and print the timeline.", "Runs a policy file through a scenario file (simulated traffic, scripted metrics, gates and "
        + "commands) with the real runner and machine, prints one line per tick and the deciding verdicts."},
    footer = {"", "Example:", "  java -jar canary4j.jar simulate --policy examples/policies/canary.yaml \\",
        "      --scenario examples/scenarios/bad-canary.yaml --json timeline.json"})
final class SimulateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy file (.yaml or .json).")
  Path policyFile;

  @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario file (.yaml or .json).")
  Path scenarioFile;

  @Option(names = "--json", paramLabel = "OUT", description = "Also write the timeline as JSON to this file.")
  Path jsonFile;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<String> problems = new ArrayList<>();
    CanaryPolicy policy = Inputs.policy(policyFile, problems);
    Scenario scenario = Inputs.scenario(scenarioFile, problems);
    if (!problems.isEmpty()) {
      return invalid(err, problems);
    }
    Timeline timeline;
    try {
      timeline = Simulation.run(policy, scenario);
    } catch (IllegalArgumentException e) {
      return invalid(err, List.of("Scenario " + scenarioFile + " does not fit policy " + policyFile + ": "
          + e.getMessage()));
    }
    TimelinePrinter.print(scenario.name(), timeline, spec.commandLine().getOut());
    if (jsonFile != null) {
      try {
        Inputs.writeTimeline(timeline, jsonFile);
      } catch (IOException e) {
        return invalid(err, List.of("cannot write " + jsonFile + ": " + e.getMessage()));
      }
    }
    return timeline.promoted() ? ExitCode.PASS : timeline.rolledBack() ? ExitCode.FAIL : ExitCode.UNDECIDED;
  }

  private static int invalid(PrintWriter err, List<String> problems) {
    problems.forEach(err::println);
    err.println("usage: simulate --policy FILE --scenario FILE [--json OUT]");
    return ExitCode.INVALID;
  }
}
