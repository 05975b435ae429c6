package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.policy.Violation;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading invalid policies: every problem is reported at once, with its path or location, and nothing else escapes. */
class PolicyReaderErrorsTest {
  @Test
  void reportsEachOfThousandsOfMetricsThatAreNotMappingsOnceAtItsOwnPath() {
    List<String> found = PolicyReaderTest.violations(PolicyReaderTest.MINIMAL + "    - not a metric\n".repeat(5_000));

    assertThat(found).hasSize(5_000);
    for (int i = 0; i < found.size(); i++) {
      assertThat(found.get(i)).startsWith("analysis.metrics[" + (i + 1) + "]: ");
    }
  }

  @Test
  void reportsTheModelsViolationWithTheDocumentsPath() {
    List<String> found = PolicyReaderTest.violations(PolicyReaderTest.MINIMAL + "    - {name: request-duration, min: 5, max: 2}\n");

    assertThat(found).containsExactly("analysis.metrics[1].max: must be greater than min (5.0), but was 2.0");
  }

  @Test
  void reportsTheReadersAndTheModelsViolationsTogether() {
    List<String> found = PolicyReaderTest.violations("""
        target: {namespace: Shop, name: podinfo}
        strategy: {canary: {stepWeight: 10, maxWeight: 50, maxWieght: 60}}
        analysis:
          interval: soon
          metrics:
            - {name: request-success-rate, min: "high"}
            - {name: request-duration, min: 5, max: 2}
        gates:
          - {name: approve, type: confirm-everything}
        progressDeadline: 30s
        """);

    assertThat(found).containsExactlyInAnyOrder(
        "strategy.canary.maxWieght: is not a known field (did you mean 'maxWeight'? known: stepWeight, maxWeight, "
            + "stepWeights, mirror)",
        "analysis.interval: must be a duration such as 30s, 1m, 1h30m, 500ms or PT1M, but was 'soon'",
        "analysis.metrics[0].min: must be a number, but was 'high'",
        "gates[0].type: must be one of confirm-rollout, pre-rollout, rollout, confirm-traffic-increase, "
            + "confirm-promotion, post-rollout, rollback, event, but was 'confirm-everything'",
        "target.namespace: must be a lowercase DNS name ([a-z0-9-], at most 253 characters), but was Shop",
        "analysis.metrics[1].max: must be greater than min (5.0), but was 2.0",
        "progressDeadline: must be longer than the analysis interval (PT1M), but was PT30S");
  }

  @Test
  void producesTheMessageShownInTheDocumentation() {
    String yaml = """
        target: {namespace: shop, name: podinfo}
        strategy: {canary: {stepWeight: 10, maxWeight: 50, maxWieght: 60}}
        analysis:
          metrics:
            - {name: request-success-rate, min: high, max: 100}
            - {name: request-duration, min: 5, max: 2}
        progressDeadline: 30s
        """;

    assertThatThrownBy(() -> PolicyReader.fromYaml(new StringReader(yaml), "deploy/podinfo.yaml"))
        .hasMessage("""
            Invalid canary policy in deploy/podinfo.yaml (4 problems):
              strategy.canary.maxWieght: is not a known field (did you mean 'maxWeight'? known: stepWeight, maxWeight, \
            stepWeights, mirror)
              analysis.metrics[0].min: must be a number, but was 'high'
              analysis.metrics[1].max: must be greater than min (5.0), but was 2.0
              progressDeadline: must be longer than the analysis interval (PT1M), but was PT30S""");
  }

  @Test
  void namesTheSourceInTheMessage() {
    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
        () -> PolicyReader.fromYaml(new StringReader("target: 1\n"), "deploy/podinfo.yaml"));

    assertThat(e.source()).isEqualTo("deploy/podinfo.yaml");
    assertThat(e).hasMessageStartingWith("Invalid canary policy in deploy/podinfo.yaml (2 problems):");
  }

  @Test
  void rejectsUnknownFieldsAtEveryLevelNamingTheKnownOnes() {
    List<String> found = PolicyReaderTest.violations(PolicyReaderTest.MINIMAL.replace("min: 99}", "min: 99, mx: 3}") + "colour: blue\n");

    assertThat(found).containsExactlyInAnyOrder(
        "analysis.metrics[0].mx: is not a known field (did you mean 'max'? known: name, query, min, max, maxIncrease, "
            + "maxDecrease, interval, onNoData, minRequests, minSamples, critical, variables, judge)",
        "colour: is not a known field (known: target, strategy, analysis, gates, promotion, progressDeadline)");
  }

  @Test
  void rejectsDuplicateKeysNamingThePathAndTheLine() {
    List<String> found = PolicyReaderTest.violations(PolicyReaderTest.MINIMAL + "    - name: request-duration\n      max: 500\n      max: 600\n");

    assertThat(found).containsExactly("analysis.metrics[1].max: must appear only once, but appears again at line 8, column 7");
  }

  @Test
  void rejectsDuplicateKeysInJson() {
    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
        () -> PolicyReader.fromJson(PolicyReaderTest.resource("full.json").replace("\"interval\": \"1m\",", "\"interval\": \"1m\", \"interval\": \"2m\",")));

    assertThat(e.violations()).extracting(Violation::path).containsExactly("analysis.interval");
  }

  @Test
  void reportsWrongTypesWithThePathTheExpectedTypeAndTheValueFound() {
    List<String> found = PolicyReaderTest.violations("""
        target: {namespace: shop, name: [podinfo]}
        strategy: {canary: {stepWeight: "10", maxWeight: 50.5, stepWeights: 5}}
        analysis:
          interval: 60
          metrics:
            - name: request-duration
              max: {value: 5}
              maxIncrease: ten%
              critical: "yes please"
              minRequests: 1.5
              onNoData: sometimes
              variables: [a, b]
          limits: {failureLimit: [1], errorLimit: {count: 2, action: explode}}
        promotion: {stepWeight: true}
        gates: {name: approve}
        """);

    assertThat(found).contains(
        "target.name: must be text, but was a list",
        "strategy.canary.stepWeight: must be an integer, but was '10'",
        "strategy.canary.maxWeight: must be an integer, but was 50.5",
        "strategy.canary.stepWeights: must be a list, but was 5",
        "analysis.interval: must be a duration such as 30s, 1m, 1h30m, 500ms or PT1M, but was 60",
        "analysis.metrics[0].max: must be a number, but was a mapping",
        "analysis.metrics[0].maxIncrease: must be a percentage such as 10% or 10, but was 'ten%'",
        "analysis.metrics[0].critical: must be true or false, but was 'yes please'",
        "analysis.metrics[0].minRequests: must be an integer, but was 1.5",
        "analysis.metrics[0].onNoData: must be one of fail, inconclusive, ignore, but was 'sometimes'",
        "analysis.metrics[0].variables: must be a mapping of names to values, but was a list",
        "analysis.limits.failureLimit: must be a count such as 5, or a mapping of count and action, but was a list",
        "analysis.limits.errorLimit.action: must be one of rollback, pause, but was 'explode'",
        "promotion.stepWeight: must be an integer, but was true",
        "gates: must be a list, but was a mapping");
  }

  @Test
  void reportsPercentagesOutOfRange() {
    assertThat(PolicyReaderTest.violations(PolicyReaderTest.MINIMAL.replace("min: 99}",
        "min: 99, maxIncrease: 1e999%, maxDecrease: 101%}")))
        .containsExactly("analysis.metrics[0].maxIncrease: must be a finite number, but was '1e999%'",
            "analysis.metrics[0].maxDecrease: must be between 0% and 100%, but was 101.0%");
  }

  @Test
  void reportsAShortFormLimitAtItsOwnPath() {
    assertThat(PolicyReaderTest.violations(PolicyReaderTest.MINIMAL + "  limits: {failureLimit: 0}\n"))
        .containsExactly("analysis.limits.failureLimit: must be at least 1, but was 0");
  }

  @Test
  void reportsMatchProblemsUnderTheKeysTheDocumentUses() {
    List<String> found = PolicyReaderTest.violations(PolicyReaderTest.MINIMAL.replace("{canary: {stepWeight: 10, maxWeight: 50}}", """
        
          abTesting:
            iterations: 2
            match:
              - {cookie: user, regex: "canary=(always"}
              - {header: x-a, cookie: x-b, exact: "1"}
              - {exact: "1"}
              - null
        """));

    assertThat(found).containsExactlyInAnyOrder(
        "strategy.abTesting.match[0].regex: must be a valid regular expression (Unclosed group), but was canary=(always",
        "strategy.abTesting.match[1]: must name exactly one of header, cookie, but was header and cookie",
        "strategy.abTesting.match[2]: must name exactly one of header, cookie, but was none",
        "strategy.abTesting.match[3]: is required");
  }

  @Test
  void rejectsMoreThanOneStrategy() {
    assertThat(PolicyReaderTest.violations(PolicyReaderTest.MINIMAL.replace("{canary: {stepWeight: 10, maxWeight: 50}}",
        "{canary: {stepWeight: 10, maxWeight: 50}, blueGreen: {iterations: 2}}")))
        .containsExactly("strategy: must name exactly one of canary, blueGreen, abTesting, but was canary and blueGreen");
  }

  @Test
  void reportsOnlyTheMissingNameOfATargetWithoutOne() {
    assertThat(PolicyReaderTest.violations(PolicyReaderTest.MINIMAL.replace("{namespace: shop, name: podinfo}", "{namespace: shop}")))
        .containsExactly("target.name: is required");
  }

  @Test
  void namesLineAndColumnOfMalformedYaml() {
    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
        () -> PolicyReader.fromYaml(new StringReader("target:\n  name: [podinfo\nstrategy: {}\n"), "bad.yaml"));

    assertThat(e.violations()).hasSize(1);
    assertThat(e.violations().get(0).path()).matches("line \\d+, column \\d+");
    assertThat(e).hasMessageStartingWith("Invalid canary policy in bad.yaml: line 3, column 9: is not well-formed YAML: ")
        .hasMessageNotContaining("^");
  }

  @Test
  void namesLineAndColumnOfMalformedJson() {
    assertThatThrownBy(() -> PolicyReader.fromJson("{\n  \"target\": {\"name\": \"x\",}\n}"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageStartingWith("Invalid canary policy: line 2, column 26: is not well-formed JSON: ");
  }

  @Test
  void rejectsDocumentsThatAreNotAMappingOfAPolicy() {
    String expected = "(document): must be a mapping of target, strategy, analysis, gates, promotion, progressDeadline, but was ";
    assertThat(PolicyReaderTest.violations("")).containsExactly(expected + "an empty document");
    assertThat(PolicyReaderTest.violations("# nothing but a comment\n")).containsExactly(expected + "an empty document");
    assertThat(PolicyReaderTest.violations("~")).containsExactly(expected + "null");
    assertThat(PolicyReaderTest.violations("- target\n- strategy\n")).containsExactly(expected + "a list");
    assertThat(PolicyReaderTest.violations("just words")).containsExactly(expected + "'just words'");
  }

  @Test
  void rejectsASecondDocument() {
    assertThat(PolicyReaderTest.violations(PolicyReaderTest.MINIMAL + "---\n" + PolicyReaderTest.MINIMAL))
        .containsExactly("(document): must hold one policy, but a second document starts at line 7, column 1");
  }

  @Test
  void rejectsAnAliasWithoutAnAnchor() {
    assertThat(PolicyReaderTest.violations(PolicyReaderTest.MINIMAL + "promotion: {stepWeight: *nowhere}\n"))
        .containsExactly("promotion.stepWeight: must refer to the anchor of a mapping or list defined before it "
            + "(anchors on single values are not supported), but was *nowhere");
  }

  @Test
  void rejectsNullsEverywhereWithoutANullPointerException() {
    List<String> found = PolicyReaderTest.violations("""
        target: {namespace: null, name: ~, primary: null, canary: null}
        strategy: {canary: {stepWeight: null, maxWeight: null, stepWeights: [null], mirror: null}}
        analysis:
          interval: null
          metrics: [null, {name: null, query: null, min: null, variables: {a: null}, judge: null}]
          limits: {failureLimit: null, consecutiveFailureLimit: {count: null, action: null}}
        gates: [null, {name: null, type: null, url: null, timeout: null, metadata: null}]
        promotion: {stepWeight: null}
        progressDeadline: null
        """);

    assertThat(found).contains("target.name: is required", "analysis.metrics[0]: is required",
        "analysis.metrics[1].name: is required", "analysis.metrics[1].variables.a: is required",
        "analysis.limits.consecutiveFailureLimit.count: is required", "gates[0]: is required", "gates[1].type: is required",
        "strategy.canary.stepWeights[0]: is required");
  }

  @Test
  void rejectsNullInputAsAnInvalidPolicy() {
    assertThatThrownBy(() -> PolicyReader.fromYaml((String) null)).isInstanceOf(InvalidPolicyException.class)
        .hasMessage("Invalid canary policy: (document): must be YAML text, but was null");
    assertThatThrownBy(() -> PolicyReader.fromJson((String) null)).isInstanceOf(InvalidPolicyException.class);
  }

  @Test
  void rejectsHostileDocumentsOnlyWithInvalidPolicyException() {
    String[] hostile = {"{", "[", "]", ":", "- - -", "? [a]\n: b", "target: !!binary aGVsbG8=", "&a [*a]", "*a",
        "target: {namespace: shop, name: podinfo}\nstrategy: {canary: {stepWeights: [200, 100, -1, 1e10, 99999999999999]}}",
        "analysis: {interval: 99999999999999999999h}", "analysis: {interval: -5m, metrics: [{name: x, max: .nan}]}",
        "analysis: {metrics: [{name: request-duration, max: 1e999, maxIncrease: -5%, maxDecrease: 500%}]}",
        "gates: [{name: a, url: 'http://exa mple', type: rollout}, {name: a, url: 'ftp://x', type: rollout, retries: -1}]",
        "[".repeat(500), "a:\n".repeat(1) + "  ".repeat(200) + "b: 1", "{\"target\": " + "[".repeat(300) + "]".repeat(300) + "}",
        "\u0000", "target: \"\\ud800\""};
    for (String text : hostile) {
      assertThatThrownBy(() -> PolicyReader.fromYaml(text)).as(text).isInstanceOf(InvalidPolicyException.class);
      assertThatThrownBy(() -> PolicyReader.fromJson(text)).as(text).isInstanceOf(InvalidPolicyException.class);
    }
  }
}
