package dev.canary4j.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.Command;
import dev.canary4j.policy.Violation;
import dev.canary4j.simulation.MetricScript.Sample;
import dev.canary4j.simulation.ScenarioException;
import dev.canary4j.simulation.ScenarioReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ScenarioReaderTest.class.getResource("/scenarios/" + name).toURI());
  }

  @Test
  void readsEveryFieldOfTheDocumentedFormat() throws Exception {
    Scenario s = ScenarioReader.read(resource("full.yaml"));

    assertThat(s.name()).isEqualTo("everything");
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.ticks()).isEqualTo(40);
    assertThat(s.start()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    assertThat(s.primaryRevision()).isEqualTo("r1");
    assertThat(s.traffic()).isEqualTo(new TrafficModel(200, 5, new TrafficModel.Behaviour(0.1, 80, 0.25, 0),
        new TrafficModel.Behaviour(2, 90, 0.3, 0)));
    assertThat(s.metrics().get("error-budget")).isEqualTo(new MetricScript(
        List.of(Sample.of(1.5), Sample.noData(), Sample.providerError(), Sample.of(0.5)), List.of(Sample.of(0.2)), 500));
    assertThat(s.revisions()).containsExactly(new Scenario.RevisionChange(1, "r2"), new Scenario.RevisionChange(12, "r3"));
    assertThat(s.gates()).containsExactly(new Scenario.GateAnswer(9, "release-manager", true, "approved"));
    assertThat(s.commands()).containsExactly(new Scenario.ManualCommand(5, Command.PAUSE, "lunch"),
        new Scenario.ManualCommand(6, Command.RESUME, ""));
  }

  @Test
  void reportsEveryProblemAtOnceWithItsPath() throws Exception {
    assertThatThrownBy(() -> ScenarioReader.read(resource("invalid.yaml")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("invalid.yaml")
        .satisfies(e -> assertThat(((ScenarioException) e).violations()).extracting(Violation::path).contains(
            "colour", "traffic.requestsPerSecond", "traffic.primary.errorRate", "traffic.canary.latencyMedianMs",
            "metrics.request-duration.canary[1]", "commands[0].command"));
  }

  @Test
  void modelRulesAreReportedUnderTheDocumentsPaths() {
    assertThatThrownBy(() -> ScenarioReader.fromYaml("""
        ticks: 10
        traffic:
          requestsPerSecond: 100
          primary: {errorRate: 0.1%, latencyMedianMs: 80}
          canary: {errorRate: 1%, latencyMedianMs: 80, latencySpread: -1}
        revisions:
          - {tick: 11, revision: v2}
        """))
        .isInstanceOf(ScenarioException.class)
        .satisfies(e -> assertThat(((ScenarioException) e).violations()).extracting(Violation::toString).containsExactly(
            "traffic.canary.latencySpread: must be between 0 and 10, but was -1.0",
            "revisions[0].tick: must be between 1 and ticks (10), but was 11"));
  }

  @Test
  void malformedYamlNamesTheLineAndColumn() {
    assertThatThrownBy(() -> ScenarioReader.fromYaml("ticks: 3\ntraffic: [unclosed\n"))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("line 2, column 19").hasMessageContaining("not well-formed YAML");
  }

  @Test
  void aScenarioNeedsTicksAndSomeSourceOfMetrics() {
    assertThatThrownBy(() -> ScenarioReader.fromYaml("name: empty\n"))
        .isInstanceOf(ScenarioException.class)
        .satisfies(e -> assertThat(((ScenarioException) e).violations()).extracting(Violation::toString).containsExactly(
            "ticks: is required", "traffic: is required unless metrics gives scripted values"));
  }
}
