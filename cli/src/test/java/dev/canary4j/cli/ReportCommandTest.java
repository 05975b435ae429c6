package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.report.TimelineReport;
import dev.canary4j.runner.DecisionLog;
import dev.canary4j.simulation.ScenarioReader;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.spec.PolicyReader;
import dev.canary4j.timeline.TimelineFormat;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} and {@code simulate --report}: they write exactly the page {@link TimelineReport} makes of
 * the timeline, the page the report module's browser test opens in Chromium.
 */
class ReportCommandTest {

  private static final Path EXAMPLES = Path.of("../examples");

  @TempDir
  Path dir;

  @Test
  void simulateWritesTheReportOfItsTimeline() throws Exception {
    Path json = dir.resolve("t.json");
    Path html = dir.resolve("r.html");

    CliRun run = CliRun.of("simulate", "--policy", "../examples/policies/canary.yaml", "--scenario",
        "../examples/scenarios/bad-canary.yaml", "--json", json.toString(), "--report", html.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.FAIL);
    assertThat(Files.readString(html)).isEqualTo(TimelineReport.html(TimelineFormat.read(Files.readString(json))))
        .contains("<h1 id=\"outcome-result\">ROLLED BACK</h1>");
  }

  @Test
  void reportTurnsARunnersDecisionLogIntoAPage() throws Exception {
    StringWriter log = new StringWriter();
    try (DecisionLog decisions = new DecisionLog(log)) {
      Simulation.run(PolicyReader.read(EXAMPLES.resolve("policies/canary.yaml")),
          ScenarioReader.read(EXAMPLES.resolve("scenarios/slow-under-load.yaml")), decisions);
    }
    Path jsonl = Files.writeString(dir.resolve("decisions.jsonl"), log.toString());
    Path html = dir.resolve("r.html");

    CliRun run = CliRun.of("report", jsonl.toString(), "-o", html.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.PASS);
    assertThat(run.out()).startsWith("wrote " + html + ": rolled back - ");
    assertThat(Files.readString(html)).isEqualTo(TimelineReport.html(TimelineFormat.read(jsonl, null)));
  }

  @Test
  void aFileThatIsNoTimelineExitsTwoWithEveryProblem() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"kind\":\"decision\"}\nnope\n");

    CliRun run = CliRun.of("report", bad.toString(), "-o", dir.resolve("r.html").toString());

    assertThat(run.exit()).isEqualTo(ExitCode.INVALID);
    assertThat(run.err()).contains("line 1: time: is required", "line 2: not JSON");
    assertThat(dir.resolve("r.html")).doesNotExist();
  }
}
