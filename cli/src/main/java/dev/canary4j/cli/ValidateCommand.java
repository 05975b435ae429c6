package dev.canary4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate}: checks policy and scenario files, printing every problem of every file. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check policy and scenario files, every problem at once.", "Checks policy and scenario files and prints every problem of every file at once, each with the "
        + "path of the field. A file whose top level has target, strategy, analysis, gates, promotion or "
        + "progressDeadline is read as a policy, any other as a scenario. Exit 0 when all are valid, 2 otherwise."},
    footer = {"", "Example:", "  java -jar canary4j.jar validate examples/policies/*.yaml examples/scenarios/*.yaml"})
final class ValidateCommand implements Callable<Integer> {

  private static final Set<String> POLICY_FIELDS = Set.of("target", "strategy", "analysis", "gates", "promotion",
      "progressDeadline");

  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy and scenario files (.yaml, .yml or .json).")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int invalid = 0;
    for (Path file : files) {
      boolean policy = isPolicy(file);
      List<String> problems = new ArrayList<>();
      if (policy) {
        Inputs.policy(file, problems);
      } else {
        Inputs.scenario(file, problems);
      }
      if (problems.isEmpty()) {
        out.println("valid " + (policy ? "policy" : "scenario") + ": " + file);
      } else {
        invalid++;
        problems.forEach(err::println);
      }
    }
    if (invalid > 0) {
      err.println(invalid + " of " + files.size() + " file(s) invalid");
      return ExitCode.INVALID;
    }
    return ExitCode.PASS;
  }

  /** Whether {@code file} looks like a policy; a file that cannot be parsed is left to the policy reader to explain. */
  private static boolean isPolicy(Path file) {
    try {
      JsonNode root = new YAMLMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root == null || !root.isObject()) {
        return true;
      }
      for (String field : POLICY_FIELDS) {
        if (root.has(field)) {
          return true;
        }
      }
      return false;
    } catch (java.io.IOException | RuntimeException e) {
      return true;
    }
  }
}
