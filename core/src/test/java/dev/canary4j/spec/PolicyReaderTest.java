package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canary4j.policy.AbTestingStrategy;
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

/** Reading valid policies: every field, the defaults, the formats and the files. */
class PolicyReaderTest {
  static final String MINIMAL = """
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
    assertThat(policy.progressDeadline()).isEqualTo(Duration.ofMinutes(10));
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

    assertThat(((AbTestingStrategy) policy.strategy()).matches()).containsExactly(
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
