package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code schema}: every example policy conforms to the printed schema, and misspelt or mistyped fields do not. */
class SchemaCommandTest {

  private static JsonNode schema() throws Exception {
    CliRun run = CliRun.of("schema");
    assertThat(run.exit()).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  private static JsonNode yaml(String text) throws Exception {
    return new YAMLMapper().readTree(text);
  }

  @Test
  void everyExamplePolicyConformsToTheSchema() throws Exception {
    JsonNode schema = schema();
    List<Path> policies;
    try (Stream<Path> files = Files.list(Path.of("../examples/policies"))) {
      policies = files.sorted().toList();
    }

    assertThat(policies).hasSizeGreaterThanOrEqualTo(6);
    for (Path policy : policies) {
      assertThat(SchemaSubset.violations(schema, yaml(Files.readString(policy)))).as(policy.toString()).isEmpty();
    }
  }

  @Test
  void theImportedPoliciesConformToTheSchemaToo() throws Exception {
    JsonNode schema = schema();
    for (String file : List.of("istio-tutorial-canary.yaml", "every-field-canary.yaml", "blue-green-stepweights.yaml")) {
      CliRun run = CliRun.of("import", "flagger", "src/test/resources/flagger/" + file);
      assertThat(SchemaSubset.violations(schema, yaml(run.out()))).as(file).isEmpty();
    }
  }

  @Test
  void aMisspeltFieldAWrongTypeAndAnUnknownChoiceAreEachCaught() throws Exception {
    JsonNode policy = yaml("""
        target: {namespace: shop, name: podinfo}
        strategy:
          canary: {stepWeight: 10, maxWieght: 50}
        analysis:
          interval: soon
          metrics:
            - {name: request-success-rate, min: high, onNoData: shrug}
        gates:
          - {name: approve, type: confirm-promotion, retries: 11}
        """);

    assertThat(SchemaSubset.violations(schema(), policy)).containsExactlyInAnyOrder(
        "$.strategy.canary.maxWieght: is not a known field",
        "$.analysis.interval: must match " + schema().at("/properties/analysis/properties/interval/pattern").asText()
            + ", but was \"soon\"",
        "$.analysis.metrics[0].min: must be number, but was STRING",
        "$.analysis.metrics[0].onNoData: must be one of [\"fail\",\"inconclusive\",\"ignore\"], but was \"shrug\"",
        "$.gates[0].retries: must be at most 10, but was 11");
  }

  @Test
  void theSchemaCanBeWrittenToAFile() throws Exception {
    Path out = Files.createTempFile("policy", ".schema.json");

    CliRun run = CliRun.of("schema", "-o", out.toString());

    assertThat(run.exit()).isZero();
    assertThat(new ObjectMapper().readTree(Files.readString(out)).get("$id").asText())
        .isEqualTo("https://canary4j.dev/schema/policy.json");
  }
}
