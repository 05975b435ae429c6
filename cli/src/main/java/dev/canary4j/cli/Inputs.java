package dev.canary4j.cli;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.spec.PolicyReader;
import dev.canary4j.simulation.ScenarioException;
import dev.canary4j.simulation.ScenarioReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads the commands' input files, collecting every problem instead of stopping at the first. */
final class Inputs {

  private Inputs() {}

  /** The policy in {@code file}, or {@code null} with the reasons added to {@code problems}. */
  static CanaryPolicy policy(Path file, List<String> problems) {
    try {
      return PolicyReader.read(file);
    } catch (IllegalArgumentException e) { // InvalidPolicyException, or a file name without .yaml/.json
      problems.add(e.getMessage());
    } catch (NoSuchFileException e) {
      problems.add("policy file " + file + " does not exist");
    } catch (IOException e) {
      problems.add("cannot read policy file " + file + ": " + e.getMessage());
    }
    return null;
  }

  /** The scenario in {@code file}, or {@code null} with the reasons added to {@code problems}. */
  static Scenario scenario(Path file, List<String> problems) {
    try {
      return ScenarioReader.read(file);
    } catch (ScenarioException e) {
      problems.add(e.getMessage());
    } catch (NoSuchFileException e) {
      problems.add("scenario file " + file + " does not exist");
    } catch (IOException e) {
      problems.add("cannot read scenario file " + file + ": " + e.getMessage());
    }
    return null;
  }

  /** Writes {@code timeline} to {@code file} in the one timeline format that simulate and backtest share. */
  static void writeTimeline(Timeline timeline, Path file) throws IOException {
    Files.writeString(file, timeline.toJson() + "\n", StandardCharsets.UTF_8);
  }
}
