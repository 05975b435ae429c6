package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canary4j.internal.spec.DurationText;
import dev.canary4j.simulation.ScenarioException;
import dev.canary4j.simulation.ScenarioReader;
import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.policy.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that once escaped the loaders as raw exceptions, hid other problems or named the wrong place. */
class HostileInputTest {

  @TempDir
  Path dir;

  private static List<String> policyViolations(String yaml) {
    return PolicyReaderTest.violations(yaml);
  }

  private static List<String> scenarioViolations(String yaml) {
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.fromYaml(yaml));
    assertThat(e).as("expected a ScenarioException for:\n" + yaml).isNotNull();
    return e.violations().stream().map(Violation::toString).toList();
  }

  @Test
  void aLongGoStyleDurationIsReadPartByPartWithoutExhaustingTheStack() {
    assertThat(DurationText.parse("1s".repeat(20_000))).isEqualTo(Duration.ofSeconds(20_000));
    assertThat(DurationText.parse("1s".repeat(20_000) + "x")).isNull();
    assertThat(DurationText.parse("-")).isNull();
    assertThat(policyViolations(PolicyReaderTest.MINIMAL + "progressDeadline: " + "1s".repeat(5_000) + "x\n"))
        .singleElement().asString().startsWith("progressDeadline: must be a duration such as 30s");
  }

  @Test
  void durationsBeyondAYearAreRejectedWherePolicyFilesNameThem() {
    assertThat(policyViolations(PolicyReaderTest.MINIMAL.replace("analysis:\n", "analysis:\n  interval: P9999999999999D\n")
        + "progressDeadline: 400d\n".replace("400d", "P400D"))).containsExactly(
        "analysis.interval: must be at most 366 days (P366D), but was PT239999999999976H",
        "progressDeadline: must be longer than the analysis interval (PT239999999999976H), but was PT9600H");
    assertThat(policyViolations(PolicyReaderTest.MINIMAL + "progressDeadline: P400D\n"))
        .containsExactly("progressDeadline: must be at most 366 days (P366D), but was PT9600H");
  }

  @Test
  void aDuplicateKeyDoesNotHideTheProblemsOfTheValueThatIsKept() {
    List<String> found = policyViolations("""
        target: {namespace: SHOP, name: podinfo}
        target: {namespace: shop}
        strategy: {canary: {stepWeight: 10, maxWeight: 50}}
        """);

    assertThat(found).containsExactlyInAnyOrder("target: must appear only once, but appears again at line 2, column 1",
        "target.namespace: must be a lowercase DNS name ([a-z0-9-], at most 253 characters), but was SHOP");
  }

  @Test
  void nestingBeyondThePartsLimitIsReportedWithItsLineAndColumnInPlainWords() {
    String json = "{\"target\": " + "[".repeat(1_001) + "]".repeat(1_001) + "}";

    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromJson(json));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.path()).isEqualTo("line 1, column 1012");
      assertThat(v.message()).isEqualTo(
          "is not well-formed JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)");
    });
  }

  @Test
  void aFileThatIsNotUtf8IsReportedWithTheLineAndColumnOfTheFirstBadByte() throws Exception {
    Path json = dir.resolve("bad.json");
    Files.write(json, new byte[] {'{', '\n', ' ', '"', 't', '"', ':', ' ', '"', (byte) 0xFF, '"', '}'});
    Path utf16 = dir.resolve("wide.yaml");
    Files.write(utf16, "ticks: 3\n".getBytes(StandardCharsets.UTF_16));

    InvalidPolicyException policy = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.read(json));
    ScenarioException scenario = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.read(utf16));

    assertThat(policy.violations()).extracting(Violation::toString).containsExactly(
        "line 2, column 8: is not UTF-8 text: byte 0xFF at offset 9 starts no UTF-8 character");
    assertThat(policy.getMessage()).contains("bad.json");
    assertThat(scenario.violations()).extracting(Violation::toString).containsExactly(
        "line 1, column 1: is not UTF-8 text: byte 0xFE at offset 0 starts no UTF-8 character"
            + " (a UTF-16 file? save it as UTF-8)");
  }

  @Test
  void aJudgeWithAnUnknownTypeStillHasTheFieldsNoJudgeKnowsReported() {
    List<String> found = policyViolations(PolicyReaderTest.MINIMAL.replace("{name: request-success-rate, min: 99}",
        "{name: request-success-rate, judge: {type: sequentiel, alpah: 2, alpha: 0.1}}"));

    assertThat(found).containsExactly(
        "analysis.metrics[0].judge.type: must name a known statistical judge (known judges: mann-whitney, sequential),"
            + " but was 'sequentiel'",
        "analysis.metrics[0].judge.alpah: is not a known field (known: type, direction,"
            + " nanStrategy, outliers, critical, mustHaveData, effectSize, tolerance, confidenceLevel, groups, alpha,"
            + " allowedDegradation, latencyQuantile, whileUndecided)");
  }

  @Test
  void anEmptyKeyIsNamedInTheViolationsPath() {
    assertThat(policyViolations(PolicyReaderTest.MINIMAL + "\"\": 1\n")).singleElement().asString()
        .startsWith("'': is not a known field");
  }

  @Test
  void aNumberBeyondADoublesRangeIsReportedAsWritten() {
    assertThat(policyViolations(PolicyReaderTest.MINIMAL.replace("min: 99", "min: 1e400")))
        .containsExactly("analysis.metrics[0].min: must be a finite number, but was 1e400");
  }

  @Test
  void everyProblemOfATrafficBlockIsReportedWithTheValueFound() {
    List<String> found = scenarioViolations("""
        ticks: 5
        traffic:
          requestsPerSecond: 1e9
          loadTestRequestsPerSecond: -5
          primary: {errorRate: 150%, latencyMedianMs: 1e400, latencySpread: -1}
          canary: {latencyMedianMs: 80}
        """);

    assertThat(found).containsExactlyInAnyOrder(
        "traffic.primary.latencyMedianMs: must be a finite number, but was 1e400",
        "traffic.primary.errorRate: must be between 0% and 100%, but was 150.0%",
        "traffic.primary.latencySpread: must be between 0 and 10, but was -1.0",
        "traffic.requestsPerSecond: must be greater than 0 and at most 10000, but was 1.0E9",
        "traffic.loadTestRequestsPerSecond: must be between 0 and 10000, but was -5.0");
    assertThat(scenarioViolations("""
        ticks: 5
        traffic:
          requestsPerSecond: 10
          primary: {errorRate: 150%, latencyMedianMs: -1, latencySpread: -1}
          canary: {latencyMedianMs: 80}
        """)).containsExactly(
        "traffic.primary.errorRate: must be between 0% and 100%, but was 150.0%",
        "traffic.primary.latencyMedianMs: must be greater than 0 and at most 3600000, but was -1.0",
        "traffic.primary.latencySpread: must be between 0 and 10, but was -1.0");
  }

  @Test
  void everyFieldOfAListItemIsCheckedAndNoProblemIsDerivedFromAnother() {
    assertThat(scenarioViolations("""
        ticks: 5
        traffic: fast
        commands: [{tick: 1, command: fly, reason: [x]}]
        gates: [{tick: 0.5, gate: g, open: true, message: {a: 1}}]
        metrics:
          errors: {canary: 5}
        """)).containsExactlyInAnyOrder(
        "traffic: must be a mapping of requestsPerSecond, loadTestRequestsPerSecond, primary, canary, but was 'fast'",
        "commands[0].command: must be one of promote, abort, pause, resume, but was 'fly'",
        "commands[0].reason: must be text, but was a list",
        "gates[0].tick: must be an integer, but was 0.5",
        "gates[0].message: must be text, but was a mapping",
        "metrics.errors.canary: must be a list, but was 5");
    assertThat(scenarioViolations("ticks: -1\nmetrics: {errors: {canary: [1]}}\n"))
        .containsExactly("ticks: must be between 1 and 100000, but was -1");
  }

  @Test
  void aScenarioStartsWithinTheYearsASimulationCanCount() {
    assertThat(scenarioViolations("ticks: 3\nstart: \"+1000000000-12-31T23:59:00Z\"\nmetrics: {errors: {canary: [1]}}\n"))
        .containsExactly("start: must be between 1970-01-01T00:00:00Z and 9000-01-01T00:00:00Z,"
            + " but was +1000000000-12-31T23:59:00Z");
  }

  @Test
  void aSecondDocumentInAScenarioIsCalledAScenario() {
    assertThat(scenarioViolations("ticks: 3\nmetrics: {errors: {canary: [1]}}\n---\nticks: 4\n")).singleElement()
        .asString().startsWith("(document): must hold one scenario, but a second document starts at line 4");
  }

  @Test
  void aDuplicateKeyInAScenarioDoesNotHideTheProblemOfTheValueThatIsKept() {
    assertThat(scenarioViolations("ticks: -5\nmetrics: {errors: {canary: [1]}}\nticks: 5\n")).containsExactlyInAnyOrder(
        "ticks: must appear only once, but appears again at line 3, column 1",
        "ticks: must be between 1 and 100000, but was -5");
  }

  @Test
  void aMissingOrUnreadableScenarioFieldDoesNotHideTheOthers() {
    assertThat(scenarioViolations("""
        ticks: abc
        start: 9999-01-01T00:00:00Z
        revisions: [{tick: -3, revision: v2}]
        traffic:
          requestsPerSecond: fast
          loadTestRequestsPerSecond: 1e6
          primary: {latencySpread: 99, errorRate: 200%}
          canary: {latencyMedianMs: 80}
        metrics:
          errors: {canary: [abc], requests: -1}
        """)).containsExactlyInAnyOrder(
        "ticks: must be an integer, but was 'abc'",
        "start: must be between 1970-01-01T00:00:00Z and 9000-01-01T00:00:00Z, but was 9999-01-01T00:00:00Z",
        "revisions[0].tick: must be at least 1, but was -3",
        "traffic.requestsPerSecond: must be a number, but was 'fast'",
        "traffic.loadTestRequestsPerSecond: must be between 0 and 10000, but was 1000000.0",
        "traffic.primary.latencyMedianMs: is required",
        "traffic.primary.errorRate: must be between 0% and 100%, but was 200.0%",
        "traffic.primary.latencySpread: must be between 0 and 10, but was 99.0",
        "metrics.errors.canary[0]: must be a number, but was 'abc'",
        "metrics.errors.requests: must not be negative, but was -1");
  }

  @Test
  void derivedNamesAndRepeatedValuesAreNotReportedTwice() {
    assertThat(policyViolations("""
        target: {namespace: shop, name: Bad_Name}
        strategy: {canary: {stepWeight: 10, maxWeight: 50}}
        """)).containsExactly("target.name: must be a lowercase DNS name ([a-z0-9-], at most 253 characters), but was Bad_Name");
    assertThat(policyViolations(PolicyReaderTest.MINIMAL.replace("{name: request-success-rate, min: 99}",
        "{name: request-success-rate, judge: {type: mann-whitney, tolerance: 1e400}}")))
        .containsExactly("analysis.metrics[0].judge.tolerance: must be a finite number, but was 1e400");
  }

  @Test
  void anUnreadableThresholdDoesNotAlsoCountAsNoThreshold() {
    assertThat(policyViolations(PolicyReaderTest.MINIMAL.replace("min: 99", "min: abc")))
        .containsExactly("analysis.metrics[0].min: must be a number, but was 'abc'");
    assertThat(policyViolations(PolicyReaderTest.MINIMAL.replace("min: 99", "maxIncrease: lots")))
        .containsExactly("analysis.metrics[0].maxIncrease: must be a percentage such as 10% or 10, but was 'lots'");
  }

  @Test
  void scoreWeightsAreReportedOnceAndBlankGroupNamesAreQuoted() {
    String metrics = """
          metrics:
            - {name: a, query: q, judge: {type: mann-whitney, groups: [x]}}
            - {name: b, query: q, judge: {type: mann-whitney, groups: [y]}}
        """;
    String head = "target: {namespace: shop, name: podinfo}\nstrategy: {canary: {stepWeight: 10, maxWeight: 50}}\nanalysis:\n";
    assertThat(policyViolations(head + "  score: {groupWeights: {x: 60, y: 41}}\n" + metrics))
        .containsExactly("analysis.score.groupWeights: must add up to at most 100, but was 101.0");
    assertThat(policyViolations(head + "  score: {groupWeights: {x: 1e400}}\n" + metrics))
        .containsExactly("analysis.score.groupWeights.x: must be a finite number, but was 1e400");
    assertThat(policyViolations(head + "  score: {groupWeights: {'': 5}}\n" + metrics))
        .containsExactly("analysis.score.groupWeights.'': must be a group name, not blank, but was 5.0");
    assertThat(policyViolations(head + "  score: {groupWeights: {x: 50}}\n" + metrics.replace(
        "{type: mann-whitney, groups: [y]}", "{type: [mw], groups: [y]}")))
        .containsExactly("analysis.metrics[1].judge.type: must be text, but was a list");
  }

  @Test
  void parserMessagesNameNoJavaClassesOrParserSettings() {
    List<String> messages = List.of(
        catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromJson("{\"a\": NaN}")).getMessage(),
        catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromJson("{\"a\": +1}")).getMessage(),
        catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromJson("{// c\n\"a\": 1}")).getMessage(),
        catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromJson("{\"a\": [1}")).getMessage(),
        catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromYaml("? [a, b]\n: 1\n")).getMessage(),
        catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromYaml("x: *\n")).getMessage());

    assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain("org.", "JsonReadFeature", "Feature '",
        "[Source", "StreamRead").contains("line 1"));
    assertThat(messages.get(0)).contains("NaN and Infinity are not JSON numbers");
    assertThat(messages.get(2)).contains("comments are not allowed in JSON");
    assertThat(messages.get(4)).contains("a key must be a single value, not a list or a mapping");
  }

  @Test
  void aControlCharacterIsReportedWhereItIs() {
    assertThat(policyViolations(PolicyReaderTest.MINIMAL + "progressDeadline: 5m\u0007\n"))
        .containsExactly("line 6, column 21: must not contain the character U+0007 (a control character or not a"
            + " character at all)");
    assertThat(scenarioViolations("ticks: 3\nname: a\u0000b\n"))
        .containsExactly("line 2, column 8: must not contain the character U+0000 (a control character or not a"
            + " character at all)");
  }

  @Test
  void aJsonFileWithAUtf8ByteOrderMarkIsRead() throws Exception {
    Path json = dir.resolve("bom.json");
    Files.write(json, ("\uFEFF{\"target\": {\"namespace\": \"shop\", \"name\": \"podinfo\"},"
        + " \"strategy\": {\"canary\": {\"stepWeight\": 10, \"maxWeight\": 50}}}").getBytes(StandardCharsets.UTF_8));

    assertThat(PolicyReader.read(json).target().name()).isEqualTo("podinfo");
  }

  @Test
  void aBlankScriptedMetricNameIsReported() {
    assertThat(scenarioViolations("ticks: 3\nmetrics: {'': {canary: [1]}}\n"))
        .containsExactly("metrics.'': must be a metric name, not blank");
  }
}
