package dev.canary4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Command;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.runner.DecisionLog;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.ScenarioReader;
import dev.canary4j.simulation.Simulation;
import dev.canary4j.spec.PolicyReader;
import dev.canary4j.timeline.RolloutTimeline;
import dev.canary4j.timeline.TimelineEntry;
import dev.canary4j.timeline.TimelineFormat;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports opened in headless Chromium; screenshots land in {@code target/report-screenshots} for a person. */
class TimelineReportBrowserTest {

  private static final Path EXAMPLES = Path.of("../examples");
  private static final Path SCREENSHOTS = Path.of("target/report-screenshots");

  @TempDir
  static Path dir;

  private static Chromium browser;

  @BeforeAll
  static void startChromium() throws Exception {
    browser = Chromium.start();
  }

  @AfterAll
  static void stopChromium() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  private static CanaryPolicy policy(String name) throws Exception {
    return PolicyReader.read(EXAMPLES.resolve("policies/" + name + ".yaml"));
  }

  private static Scenario scenario(String name) throws Exception {
    return ScenarioReader.read(EXAMPLES.resolve("scenarios/" + name + ".yaml"));
  }

  /** Writes the report of {@code timeline}, opens it, checks what every report must hold and saves a screenshot. */
  private static void open(String name, RolloutTimeline timeline) throws Exception {
    Path page = dir.resolve(name + ".html");
    TimelineReport.write(timeline, page);
    browser.open(page);
    browser.screenshot(SCREENSHOTS.resolve(name + ".png"));

    assertThat(browser.errors()).as("console errors").isEmpty();
    assertThat(browser.requests(page)).as("requests besides the page").isEmpty();
    List<TimelineEntry> decisions = timeline.decisions();
    assertThat(count("#weights rect.band")).isEqualTo(phaseRuns(decisions));
    List<String> metrics = decisions.stream().flatMap(e -> e.verdicts().stream()).map(v -> v.metric()).distinct().toList();
    for (int i = 0; i < metrics.size(); i++) {
      String metric = metrics.get(i);
      long verdicts = decisions.stream().filter(e -> e.verdict(metric) != null).count();
      assertThat(count("#metric-" + i + " circle.verdict")).as(metric).isEqualTo(verdicts);
      assertThat(text("#metric-section-" + i + " h3")).isEqualTo(metric);
    }
    long events = timeline.ticks().stream().mapToLong(e -> e.events().size() + (e.isDecision() ? 0 : 1)).sum();
    assertThat(count("#events tbody tr")).isEqualTo(events);
    assertThat(text("#outcome-result")).isEqualTo(timeline.outcome().result().toUpperCase(java.util.Locale.ROOT));
    assertThat(Files.size(SCREENSHOTS.resolve(name + ".png"))).isGreaterThan(20_000);
  }

  private static long phaseRuns(List<TimelineEntry> decisions) {
    long runs = 0;
    for (int i = 0; i < decisions.size(); i++) {
      runs += i == 0 || !decisions.get(i).phase().equals(decisions.get(i - 1).phase()) ? 1 : 0;
    }
    return runs;
  }

  private static long count(String selector) throws Exception {
    return browser.evaluate("document.querySelectorAll('" + selector + "').length").asLong();
  }

  private static String text(String selector) throws Exception {
    return browser.evaluate("document.querySelector('" + selector + "').textContent").asText();
  }

  @Test
  void aRolledBackSimulationShowsItsWeightsMetricsThresholdsAndWhy() throws Exception {
    RolloutTimeline t = Simulation.run(policy("canary"), scenario("bad-canary")).toRollout();

    open("rolled-back", t);

    assertThat(text("#outcome-result")).isEqualTo("ROLLED BACK");
    assertThat(text("#outcome-reason")).isEqualTo(t.outcome().reason()).isNotBlank();
    assertThat(count("svg.chart")).isEqualTo(1 + 2 + 1); // weights, two metrics, counters
    assertThat(count("#metric-0 line.hline.threshold")).isEqualTo(1);
    assertThat(count("#metric-0 circle.verdict-FAIL_LOW")).isPositive();
    assertThat(count("#weights polyline.canary")).isEqualTo(1);
  }

  @Test
  void anAbortedRolloutSaysAbortedAndTheCommandsReason() throws Exception {
    Scenario aborted = scenario("healthy").withCommands(List.of(new Scenario.ManualCommand(4, Command.ABORT,
        "pager went off")));

    open("aborted", Simulation.run(policy("canary"), aborted).toRollout());

    assertThat(text("#outcome-result")).isEqualTo("ABORTED");
    assertThat(text("#outcome-reason")).contains("pager went off");
    assertThat(count("#weights rect.phase-ABORTED")).isEqualTo(1);
  }

  @Test
  void theScoredPolicyShowsTheMannWhitneyIntervalAndTheSequentialPolicyItsEvidence() throws Exception {
    RolloutTimeline scored = Simulation.run(policy("kayenta-score"), scenario("slow-under-load")).toRollout();
    open("mann-whitney", scored);
    assertThat(count("rect.interval")).isPositive();
    assertThat(count("svg[id^=interval-]")).isPositive();

    RolloutTimeline sequential = Simulation.run(policy("statistical"), scenario("bad-canary")).toRollout();
    open("sequential", sequential);
    assertThat(count("svg[id^=evidence-]")).isPositive();
    assertThat(count("svg[id^=evidence-] line.threshold")).isPositive();
  }

  @Test
  void anAbTestShowsItsMatchRoutes() throws Exception {
    open("ab-testing", Simulation.run(policy("ab-testing"), scenario("healthy")).toRollout());

    assertThat(text("#matches")).contains("header x-canary exact insider").contains("cookie user regex");
  }

  @Test
  void theRunnersDecisionLogMakesAReportToo() throws Exception {
    StringWriter log = new StringWriter();
    try (DecisionLog decisions = new DecisionLog(log)) {
      Simulation.run(policy("canary"), scenario("slow-under-load"), decisions);
    }
    Path file = Files.writeString(dir.resolve("decisions.jsonl"), log.toString());
    Path page = dir.resolve("from-log.html");

    TimelineReport.write(file, page);

    RolloutTimeline fromLog = TimelineFormat.read(file, null);
    assertThat(fromLog.source()).isEqualTo(RolloutTimeline.DECISION_LOG);
    open("decision-log", fromLog);
    assertThat(Files.readString(page)).isEqualTo(TimelineReport.html(fromLog));
    assertThat(text("#outcome-result")).isEqualTo("ROLLED BACK");
  }

  @Test
  void theBrowserCheckSeesConsoleErrorsAndNetworkRequests() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.html"), "<!DOCTYPE html><html><body>"
        + "<img src=\"http://127.0.0.1:9/missing.png\"><script>console.error('boom');</script></body></html>");

    browser.open(broken);

    assertThat(browser.errors()).anySatisfy(e -> assertThat(e).contains("boom"));
    assertThat(browser.requests(broken)).contains("http://127.0.0.1:9/missing.png");
  }

  @Test
  void theReportLoadsNothingFromElsewhere() throws Exception {
    String html = TimelineReport.html(Simulation.run(policy("canary"), scenario("bad-canary")).toRollout());

    assertThat(html).doesNotContain("http://", "https://", "<script", "<link", "src=");
  }
}
