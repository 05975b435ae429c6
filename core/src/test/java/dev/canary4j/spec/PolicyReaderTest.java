package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.LimitAction;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Mirror;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.policy.Promotion;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReaderTest {

  private static final String MINIMAL = """
      target: {namespace: shop, name: podinfo}
      strategy: {canary: {stepWeight: 10, maxWeight: 50}}
      analysis:
        metrics:
          - {name: request-success-rate, min: 99}
      """;

  static String resource(String name) {
    try (InputStream in = PolicyReaderTest.class.getResourceAsStream("/policies/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> violations(String yaml) {
    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromYaml(yaml));
    assertThat(e).as("expected an InvalidPolicyException for:\n" + yaml).isNotNull();
    return e.violations().stream().map(Violation::toString).toList();
  }

  @Test
  void readsEveryFieldOfTheDocumentedShape() {
    CanaryPolicy policy = PolicyReader.fromYaml(resource("full.yaml"));

    assertThat(policy.target().id()).isEqualTo("shop/podinfo");
    assertThat(policy.target().primary()).isEqualTo("podinfo-primary");
    assertThat(policy.strategy()).isEqualTo(CanaryStrategy.linear(10, 50).withMirror(Mirror.all()));
    assertThat(policy.analysis().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.analysis().metrics()).containsExactly(
        MetricCheck.successRate(99).withOnNoData(NoDataPolicy.INCONCLUSIVE).withMinRequests(100),
        MetricCheck.latencyP99(500).withMaxIncrease(10.0).withInterval(Duration.ofMinutes(2)).withCritical(true),
        MetricCheck.named("errors")
            .withQuery("sum(rate(http_errors{namespace=\"{{ namespace }}\", pod=~\"{{ canary }}-.*\"}[{{ interval }}]))")
            .withMax(1.0).withVariables(Map.of("foo", "bar")));
    assertThat(policy.analysis().limits())
        .isEqualTo(new Limits(Limit.rollbackAt(5), Limit.rollbackAt(3), Limit.pauseAt(10), Limit.pauseAt(5)));
    assertThat(policy.gates()).containsExactly(
        new GateSpec("approve", GateType.CONFIRM_PROMOTION, null, Duration.ofHours(1), GateSpec.TimeoutAction.ROLLBACK,
            null, null),
        new GateSpec("load-test", GateType.PRE_ROLLOUT, URI.create("http://loadtester/"), Duration.ofMinutes(5), null, 2,
            Map.of("cmd", "hey -z 1m")));
    assertThat(policy.promotion()).isEqualTo(Promotion.progressive(20));
    assertThat(policy.progressDeadline()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void readsTheSamePolicyFromJsonAsFromYaml() {
    assertThat(PolicyReader.fromJson(resource("full.json"))).isEqualTo(PolicyReader.fromYaml(resource("full.yaml")));
  }

  @Test
  void appliesTheModelsDefaultsToOmittedFields() {
    CanaryPolicy policy = PolicyReader.fromYaml(MINIMAL);

    assertThat(policy.analysis().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.analysis().limits()).isEqualTo(Limits.ofDefaults());
    assertThat(policy.promotion()).isEqualTo(Promotion.allAtOnce());
    assertThat(policy.gates()).isEmpty();
    assertThat(policy.progressDeadline()).isNull();
    assertThat(policy.analysis().metrics().get(0).onNoData()).isEqualTo(NoDataPolicy.INCONCLUSIVE);
  }

  @Test
  void treatsExplicitNullsOfOptionalFieldsAsOmitted() {
    CanaryPolicy policy = PolicyReader.fromYaml(MINIMAL + "gates:\npromotion: ~\nprogressDeadline: null\n");

    assertThat(policy).isEqualTo(PolicyReader.fromYaml(MINIMAL));
  }

  @Test
  void aShortFormLimitKeepsThatLimitsDefaultAction() {
    CanaryPolicy policy = PolicyReader.fromYaml(MINIMAL
        + "  limits: {failureLimit: 2, consecutiveFailureLimit: 4, inconclusiveLimit: 3, errorLimit: {count: 7}}\n");

    assertThat(policy.analysis().limits()).isEqualTo(new Limits(new Limit(2, LimitAction.ROLLBACK),
        new Limit(4, LimitAction.ROLLBACK), new Limit(3, LimitAction.PAUSE), new Limit(7, LimitAction.PAUSE)));
  }

  @Test
  void readsBlueGreenWithMirrorAndExplicitCanaryNames() {
    CanaryPolicy policy = PolicyReader.fromYaml(MINIMAL.replace("{canary: {stepWeight: 10, maxWeight: 50}}",
        "{blueGreen: {iterations: 3, mirror: {percentage: 25}}}"));

    assertThat(policy.strategy()).isEqualTo(new BlueGreenStrategy(3, new Mirror(25)));
  }

  @Test
  void keepsScalarsAsWrittenWhereTextIsExpected() {
    CanaryPolicy policy = PolicyReader.fromYaml(MINIMAL.replace("{canary: {stepWeight: 10, maxWeight: 50}}",
        "{abTesting: {iterations: 1, match: [{header: x-version, exact: 1.10}, {header: x-beta, prefix: yes}]}}"));

    assertThat(((dev.canary4j.policy.AbTestingStrategy) policy.strategy()).matches()).containsExactly(
        RequestMatch.headerExact("x-version", "1.10"),
        new RequestMatch(RequestMatch.Source.HEADER, "x-beta", RequestMatch.MatchType.PREFIX, "yes"));
  }

  @Test
  void resolvesYamlAnchorsAndAliases() {
    CanaryPolicy policy = PolicyReader.fromYaml("""
        target: {namespace: shop, name: podinfo}
        strategy: {canary: {stepWeight: 10, maxWeight: 50}}
        analysis:
          limits: {failureLimit: &strict {count: 2, action: pause}, errorLimit: *strict}
          metrics:
            - {name: request-success-rate, min: 99}
        """);

    assertThat(policy.analysis().limits().failure()).isEqualTo(Limit.pauseAt(2));
    assertThat(policy.analysis().limits().error()).isEqualTo(Limit.pauseAt(2));
  }

  @Test
  void reportsTheModelsViolationWithTheDocumentsPath() {
    List<String> found = violations(MINIMAL + "    - {name: request-duration, min: 5, max: 2}\n");

    assertThat(found).containsExactly("analysis.metrics[1].max: must be greater than min (5.0), but was 2.0");
  }

  @Test
  void reportsTheReadersAndTheModelsViolationsTogether() {
    List<String> found = violations("""
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
        "analysis.metrics[0]: must set at least one of min, max, maxIncrease, maxDecrease or a judge",
        "analysis.metrics[1].max: must be greater than min (5.0), but was 2.0",
        "progressDeadline: must be longer than the analysis interval (PT1M), but was PT30S");
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
    List<String> found = violations(MINIMAL.replace("min: 99}", "min: 99, mx: 3}") + "colour: blue\n");

    assertThat(found).containsExactlyInAnyOrder(
        "analysis.metrics[0].mx: is not a known field (did you mean 'max'? known: name, query, min, max, maxIncrease, "
            + "maxDecrease, interval, onNoData, minRequests, minSamples, critical, variables, judge)",
        "colour: is not a known field (known: target, strategy, analysis, gates, promotion, progressDeadline)");
  }

  @Test
  void rejectsDuplicateKeysNamingThePathAndTheLine() {
    List<String> found = violations(MINIMAL + "    - name: request-duration\n      max: 500\n      max: 600\n");

    assertThat(found).containsExactly("analysis.metrics[1].max: must appear only once, but appears again at line 8, column 7");
  }

  @Test
  void rejectsDuplicateKeysInJson() {
    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
        () -> PolicyReader.fromJson(resource("full.json").replace("\"interval\": \"1m\",", "\"interval\": \"1m\", \"interval\": \"2m\",")));

    assertThat(e.violations()).extracting(Violation::path).containsExactly("analysis.interval");
  }

  @Test
  void reportsWrongTypesWithThePathTheExpectedTypeAndTheValueFound() {
    List<String> found = violations("""
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
  void reportsAShortFormLimitAtItsOwnPath() {
    assertThat(violations(MINIMAL + "  limits: {failureLimit: 0}\n"))
        .containsExactly("analysis.limits.failureLimit: must be at least 1, but was 0");
  }

  @Test
  void reportsMatchProblemsUnderTheKeysTheDocumentUses() {
    List<String> found = violations(MINIMAL.replace("{canary: {stepWeight: 10, maxWeight: 50}}", """
        
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
    assertThat(violations(MINIMAL.replace("{canary: {stepWeight: 10, maxWeight: 50}}",
        "{canary: {stepWeight: 10, maxWeight: 50}, blueGreen: {iterations: 2}}")))
        .containsExactly("strategy: must name exactly one of canary, blueGreen, abTesting, but was canary and blueGreen");
  }

  @Test
  void reportsOnlyTheMissingNameOfATargetWithoutOne() {
    assertThat(violations(MINIMAL.replace("{namespace: shop, name: podinfo}", "{namespace: shop}")))
        .containsExactly("target.name: is required");
  }

  @Test
  void rejectsEveryStatisticalJudgeNamingTheKnownOnes() {
    assertThat(violations(MINIMAL.replace("min: 99}", "judge: {type: mann-whitney, alpha: 0.05}}")))
        .containsExactly("analysis.metrics[0].judge.type: must name a known statistical judge (known judges: none yet), "
            + "but was 'mann-whitney'");
    assertThat(violations(MINIMAL.replace("min: 99}", "min: 99, judge: sequential}")))
        .containsExactly("analysis.metrics[0].judge: must be a mapping whose type names a statistical judge "
            + "(known judges: none yet), but was 'sequential'");
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
    assertThat(violations("")).containsExactly(expected + "an empty document");
    assertThat(violations("# nothing but a comment\n")).containsExactly(expected + "an empty document");
    assertThat(violations("~")).containsExactly(expected + "null");
    assertThat(violations("- target\n- strategy\n")).containsExactly(expected + "a list");
    assertThat(violations("just words")).containsExactly(expected + "'just words'");
  }

  @Test
  void rejectsASecondDocument() {
    assertThat(violations(MINIMAL + "---\n" + MINIMAL))
        .containsExactly("(document): must hold one policy, but a second document starts at line 7, column 1");
  }

  @Test
  void rejectsAnAliasWithoutAnAnchor() {
    assertThat(violations(MINIMAL + "promotion: {stepWeight: *nowhere}\n"))
        .containsExactly("promotion.stepWeight: must refer to the anchor of a mapping or list defined before it "
            + "(anchors on single values are not supported), but was *nowhere");
  }

  @Test
  void rejectsNullsEverywhereWithoutANullPointerException() {
    List<String> found = violations("""
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

  @Test
  void choosesTheFormatByTheFilesExtension(@TempDir Path dir) throws IOException {
    Path yaml = Files.writeString(dir.resolve("p.YML"), resource("full.yaml"));
    Path json = Files.writeString(dir.resolve("p.json"), resource("full.json"));
    Path text = Files.writeString(dir.resolve("p.txt"), resource("full.yaml"));

    assertThat(PolicyReader.read(yaml)).isEqualTo(PolicyReader.read(json));
    assertThatThrownBy(() -> PolicyReader.read(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected a policy file ending in .yaml, .yml or .json but was 'p.txt'");
    assertThatThrownBy(() -> PolicyReader.read(dir.resolve("missing.yaml"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void namesTheFileInMessagesAboutIt(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("policy.json"), "{\"target\": 5}");

    assertThatThrownBy(() -> PolicyReader.read(file)).isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("Invalid canary policy in " + file);
  }
}
