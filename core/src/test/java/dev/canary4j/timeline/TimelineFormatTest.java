package dev.canary4j.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canary4j.Counters;
import dev.canary4j.GateResult;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.RequestMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineFormatTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static TimelineEntry decision(String canary, String phase) {
    return TimelineEntry.builder(TimelineEntry.DECISION, T0, e -> {
      e.version = TimelineFormat.VERSION;
      e.canary = canary;
      e.input = "tick";
      e.phase = phase;
      e.revision = "v2";
      e.step = 1;
      e.weights = TimelineWeights.of(TrafficSplit.canary(20).withMirror(5)
          .withMatches(List.of(RequestMatch.headerExact("x-canary", "insider"))));
      e.counters = new Counters(1, 0, 0, 0);
      e.verdicts = List.of(new TimelineVerdict("latency", "INCONCLUSIVE", 120.0, 110.0, "mann-whitney", "undecided",
          false, Map.of("pValue", Double.NaN, "lower", -3.0, "upper", 12.5)));
      e.gates = Map.of("load-test", GateResult.open("done"));
      e.events = List.of(new TimelineEvent("PhaseChanged", T0, "analysis passed",
          Map.of("from", "PROGRESSING", "to", phase)));
    });
  }

  @Test
  void theShippedSchemaIsTheOneTheDocumentationShows() throws Exception {
    assertThat(TimelineFormat.schema()).isEqualTo(Files.readString(Path.of("../docs/timeline.schema.json")));
  }

  @Test
  void theExamplesOfTheDocumentationFollowTheFormat() throws Exception {
    String doc = Files.readString(Path.of("../docs/timeline.md"));
    java.util.regex.Matcher blocks = java.util.regex.Pattern.compile("```json\n(.*?)```", java.util.regex.Pattern.DOTALL)
        .matcher(doc);
    int checked = 0;
    while (blocks.find()) {
      assertThat(TimelineFormat.check(blocks.group(1))).as(blocks.group(1)).isEmpty();
      checked++;
    }

    assertThat(checked).isEqualTo(2);
    assertThat(TimelineFormat.read(Files.readString(Path.of("../docs/timeline.md")).split("```json\n")[2]
        .split("```")[0]).outcome().result()).isEqualTo("aborted");
  }

  @Test
  void aDecisionLogLineKeepsMatchRoutesMirrorAndNotANumberStatistics() {
    String line = TimelineFormat.line(decision("shop/podinfo", "PROGRESSING"));

    assertThat(line).contains("\"mirror\":5,\"matches\":[{\"source\":\"header\",\"name\":\"x-canary\",\"type\":\"exact\","
        + "\"value\":\"insider\"}]").contains("\"pValue\":\"NaN\"");
    assertThat(TimelineFormat.check(line)).isEmpty();
    TimelineVerdict read = TimelineFormat.read(line).ticks().get(0).verdicts().get(0);
    assertThat(read.statistics().get("pValue")).isNaN();
    assertThat(TimelineFormat.line(TimelineFormat.read(line).ticks().get(0))).isEqualTo(line);
  }

  @Test
  void aDecisionLogOfTwoCanariesIsReadForTheOneNamed() {
    String log = TimelineFormat.line(decision("shop/a", "PROGRESSING")) + "\n"
        + TimelineFormat.line(decision("shop/b", "SUCCEEDED")) + "\n";

    assertThatThrownBy(() -> TimelineFormat.read(log)).isInstanceOf(TimelineFormatException.class)
        .hasMessageContaining("holds the canaries shop/a, shop/b");
    RolloutTimeline b = TimelineFormat.read(log, "shop/b");
    assertThat(b.source()).isEqualTo(RolloutTimeline.DECISION_LOG);
    assertThat(b.outcome()).isEqualTo(new TimelineOutcome("promoted", "SUCCEEDED", "analysis passed"));
  }

  @Test
  void everyViolationIsReportedWithItsLineAndFieldPath() {
    String good = TimelineFormat.line(decision("shop/a", "PROGRESSING"));
    String bad = good.replace("\"phase\":\"PROGRESSING\"", "\"phase\":\"GOING\"")
        .replace("\"canary\":20", "\"canary\":120").replace("\"input\"", "\"inptu\"");

    assertThatThrownBy(() -> TimelineFormat.read(good + "\n" + bad + "\nnot json\n"))
        .isInstanceOfSatisfying(TimelineFormatException.class, e -> assertThat(e.problems()).containsExactly(
            "line 2: inptu: is not a known field (known: version, kind, canary, tick, time, input, phase, revision, "
                + "step, weights, counters, verdicts, gates, actions, performed, events, reason)",
            "line 2: phase: must be one of [\"INITIALIZING\",\"INITIALIZED\",\"WAITING\",\"PROGRESSING\","
                + "\"WAITING_PROMOTION\",\"PROMOTING\",\"FINALISING\",\"SUCCEEDED\",\"FAILED\",\"PAUSED\",\"ABORTED\"], "
                + "but was \"GOING\"",
            "line 2: weights.canary: must be at most 100, but was 120",
            "line 3: not JSON (Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token "
                + "'null', 'true' or 'false'))"));
  }

  @Test
  void aDocumentMissingItsOutcomeAndVersionIsRejected() {
    assertThatThrownBy(() -> TimelineFormat.read("{\"source\":\"simulation\",\"ticks\":[]}"))
        .isInstanceOfSatisfying(TimelineFormatException.class, e -> assertThat(e.problems())
            .containsExactly("version: is required", "outcome: is required"));
  }

  @Test
  void aSchemaUsingAKeywordTheCheckerDoesNotKnowIsRefused() throws Exception {
    ObjectMapper json = new ObjectMapper();

    assertThatThrownBy(() -> new SchemaSubset(json.readTree("{\"properties\":{\"a\":{\"oneOf\":[]}}}")))
        .hasMessageContaining("#/properties/a/oneOf");
  }

  @Test
  void theCheckerAppliesTypesReferencesAndAlternatives() throws Exception {
    ObjectMapper json = new ObjectMapper();
    SchemaSubset schema = new SchemaSubset(json.readTree("{\"$defs\":{\"n\":{\"type\":\"integer\",\"minimum\":0}},"
        + "\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"$ref\":\"#/$defs/n\"},"
        + "\"b\":{\"anyOf\":[{\"type\":\"null\"},{\"type\":\"string\",\"pattern\":\"^x\"}]}}}"));

    assertThat(schema.check(json.readTree("{\"a\":3,\"b\":\"xy\"}"), "#", "")).isEmpty();
    assertThat(schema.check(json.readTree("{\"b\":null}"), "#", "")).containsExactly("a: is required");
    assertThat(schema.check(json.readTree("{\"a\":-1,\"b\":\"y\"}"), "#", "")).containsExactly(
        "a: must be at least 0, but was -1",
        "b: must match one of [{\"type\":\"null\"},{\"type\":\"string\",\"pattern\":\"^x\"}], but was \"y\"");
    assertThat(schema.check(json.readTree("{\"a\":1.5}"), "#", "")).containsExactly(
        "a: must be of type \"integer\", but was 1.5");
  }
}
