package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy schema follows the reader's own field lists. */
class PolicySchemaTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> object) {
    return (Map<String, Object>) object.get("properties");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> object, String field) {
    return (Map<String, Object>) properties(object).get(field);
  }

  @Test
  void everyObjectHasExactlyTheFieldsTheReaderAccepts() {
    Map<String, Object> schema = PolicySchema.tree();

    assertThat(properties(schema).keySet()).containsExactlyElementsOf(PolicyReader.FIELDS);
    assertThat(properties(child(schema, "analysis")).keySet()).containsExactlyElementsOf(AnalysisSpecReader.FIELDS);
    assertThat(properties(child(schema, "strategy")).keySet()).containsExactlyElementsOf(StrategySpecReader.KINDS);
    assertThat(properties(child(schema, "target")).keySet()).containsExactlyElementsOf(PolicyReader.TARGET_FIELDS);
    assertThat(schema).containsEntry("additionalProperties", false);
  }

  @Test
  void theJsonNamesTheDraftAndTheChoicesOfTheModel() {
    String json = PolicySchema.json();

    assertThat(json).contains("\"$schema\" : \"http://json-schema.org/draft-07/schema#\"")
        .contains("\"confirm-traffic-increase\"").contains("\"inconclusive\"").contains("\"mann-whitney\"");
  }
}
