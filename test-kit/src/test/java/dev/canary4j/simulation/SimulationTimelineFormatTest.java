package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Command;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.spec.PolicyReader;
import dev.canary4j.timeline.RolloutTimeline;
import dev.canary4j.timeline.TimelineEntry;
import dev.canary4j.timeline.TimelineFormat;
import dev.canary4j.timeline.TimelineOutcome;
import dev.canary4j.timeline.TimelineVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SimulationTimelineFormatTest {

  private static final Path EXAMPLES = Path.of("../examples");

  private static List<Path> files(String dir) throws Exception {
    try (Stream<Path> s = Files.list(EXAMPLES.resolve(dir))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** Every example policy through every example scenario it fits, each also aborted at its third tick. */
  static List<Timeline> everyExampleRun() throws Exception {
    List<Timeline> runs = new ArrayList<>();
    for (Path policyFile : files("policies")) {
      CanaryPolicy policy = PolicyReader.read(policyFile);
      for (Path scenarioFile : files("scenarios")) {
        Scenario scenario = ScenarioReader.read(scenarioFile);
        try {
          runs.add(Simulation.run(policy, scenario));
          runs.add(Simulation.run(policy,
              scenario.withCommands(List.of(new Scenario.ManualCommand(3, Command.ABORT, "pager went off")))));
        } catch (IllegalArgumentException scenarioDoesNotFitPolicy) {
          // scripted metrics the policy does not judge: not a pair to run
        }
      }
    }
    return runs;
  }

  @Test
  void everyExampleRunValidatesAgainstTheSchemaAndReadsBackUnchanged() throws Exception {
    List<Timeline> runs = everyExampleRun();

    assertThat(runs).hasSizeGreaterThan(20);
    for (Timeline run : runs) {
      String json = run.toJson();
      assertThat(TimelineFormat.check(json)).as(run.scenario()).isEmpty();
      assertThat(TimelineFormat.write(TimelineFormat.read(json))).isEqualTo(json);
    }
  }

  @Test
  void theRunsCoverMatchRoutesMirrorStatisticsNoDataAndErrors() throws Exception {
    List<RolloutTimeline> runs = everyExampleRun().stream().map(Timeline::toRollout).toList();
    List<TimelineEntry> entries = runs.stream().flatMap(r -> r.ticks().stream()).toList();
    List<TimelineVerdict> verdicts = entries.stream().flatMap(e -> e.verdicts().stream()).toList();

    assertThat(entries).anySatisfy(e -> assertThat(e.weights().matches()).hasSize(2));
    assertThat(verdicts).anySatisfy(v -> assertThat(v.statistics()).containsKeys("pValue", "lower", "upper"));
    assertThat(verdicts).anySatisfy(v -> assertThat(v.statistics()).containsKeys("eValueAgainst", "eValueThreshold"));
    assertThat(verdicts).filteredOn(v -> v.label().equals("ERROR")).isNotEmpty()
        .allSatisfy(v -> assertThat(v.threshold()).isNull());
    assertThat(verdicts).filteredOn(v -> v.label().equals("NO_DATA") && v.canary() == null)
        .anySatisfy(v -> assertThat(v.primary()).isNotNull());
    assertThat(entries).allSatisfy(e -> assertThat(e.counters()).isNotNull());
  }

  @Test
  void anAbortedRolloutSaysAbortedWithTheCommandsReason() throws Exception {
    CanaryPolicy policy = PolicyReader.read(EXAMPLES.resolve("policies/canary.yaml"));
    Scenario scenario = ScenarioReader.read(EXAMPLES.resolve("scenarios/healthy.yaml"))
        .withCommands(List.of(new Scenario.ManualCommand(3, Command.ABORT, "pager went off")));

    TimelineOutcome outcome = Simulation.run(policy, scenario).summary();

    assertThat(outcome.result()).isEqualTo("aborted");
    assertThat(outcome.phase()).isEqualTo("ABORTED");
    assertThat(outcome.reason()).contains("pager went off");
  }

  @Test
  void aRolledBackRolloutGivesTheReasonOfItsRollback() throws Exception {
    CanaryPolicy policy = PolicyReader.read(EXAMPLES.resolve("policies/canary.yaml"));
    Timeline run = Simulation.run(policy, ScenarioReader.read(EXAMPLES.resolve("scenarios/bad-canary.yaml")));

    TimelineOutcome outcome = run.summary();

    assertThat(outcome.result()).isEqualTo("rolled back");
    assertThat(outcome.reason()).isNotBlank();
    assertThat(Objects.requireNonNull(TimelineFormat.read(run.toJson()).outcome())).isEqualTo(outcome);
  }
}
