package dev.canary4j.examples;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.spec.PolicyReader;
import dev.canary4j.simulation.ScenarioException;
import dev.canary4j.simulation.ScenarioReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code simulate --policy FILE --scenario FILE [--json OUT]}: runs a policy through a scenario,
 * prints the timeline and optionally writes it as JSON. Exit codes: 0 promoted, 1 rolled back,
 * 2 invalid input (with every message), 3 neither within the scenario's ticks.
 */
final class SimulateCommand {

  static final int PROMOTED = 0;
  static final int ROLLED_BACK = 1;
  static final int INVALID = 2;
  static final int UNDECIDED = 3;

  private SimulateCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    Path policyFile = null;
    Path scenarioFile = null;
    Path jsonFile = null;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      if (!List.of("--policy", "--scenario", "--json").contains(flag)) {
        problems.add("unknown argument '" + flag + "'");
        continue;
      }
      if (value == null || value.startsWith("--")) {
        problems.add(flag + " needs a file name");
        continue;
      }
      i++;
      switch (flag) {
        case "--policy" -> policyFile = Path.of(value);
        case "--scenario" -> scenarioFile = Path.of(value);
        default -> jsonFile = Path.of(value);
      }
    }
    if (policyFile == null) {
      problems.add("--policy FILE is required");
    }
    if (scenarioFile == null) {
      problems.add("--scenario FILE is required");
    }
    if (!problems.isEmpty()) {
      return invalid(err, problems);
    }
    CanaryPolicy policy = null;
    Scenario scenario = null;
    try {
      policy = PolicyReader.read(policyFile);
    } catch (IllegalArgumentException e) { // InvalidPolicyException, or a file name without .yaml/.json
      problems.add(e.getMessage());
    } catch (NoSuchFileException e) {
      problems.add("policy file " + policyFile + " does not exist");
    } catch (IOException e) {
      problems.add("cannot read policy file " + policyFile + ": " + e.getMessage());
    }
    try {
      scenario = ScenarioReader.read(scenarioFile);
    } catch (ScenarioException e) {
      problems.add(e.getMessage());
    } catch (NoSuchFileException e) {
      problems.add("scenario file " + scenarioFile + " does not exist");
    } catch (IOException e) {
      problems.add("cannot read scenario file " + scenarioFile + ": " + e.getMessage());
    }
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
    TimelinePrinter.print(scenario.name(), timeline, out);
    if (jsonFile != null) {
      try {
        Files.writeString(jsonFile, timeline.toJson() + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        return invalid(err, List.of("cannot write " + jsonFile + ": " + e.getMessage()));
      }
    }
    return timeline.promoted() ? PROMOTED : timeline.rolledBack() ? ROLLED_BACK : UNDECIDED;
  }

  private static int invalid(PrintStream err, List<String> problems) {
    problems.forEach(err::println);
    err.println("usage: simulate --policy FILE --scenario FILE [--json OUT]");
    return INVALID;
  }
}
