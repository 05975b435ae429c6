package dev.canary4j.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes a DestinationRule hold the primary and canary subsets with their labels, keeping every
 * other subset and field. Pure: no I/O.
 */
final class DestinationRuleSubsets {

  private DestinationRuleSubsets() {}

  /** A new DestinationRule for {@code host} with just the two subsets. */
  static ObjectNode newRule(String apiVersion, String namespace, String name, String host) {
    ObjectNode rule = JsonNodeFactory.instance.objectNode();
    rule.put("apiVersion", apiVersion);
    rule.put("kind", "DestinationRule");
    rule.putObject("metadata").put("name", name).put("namespace", namespace);
    rule.putObject("spec").put("host", host).putArray("subsets");
    return rule;
  }

  /** A copy of {@code rule} where subset {@code name} exists and selects exactly {@code labels}. */
  static ObjectNode ensure(ObjectNode rule, String name, Map<String, String> labels) {
    ObjectNode copy = rule.deepCopy();
    ArrayNode subsets = copy.withObjectProperty("spec").withArrayProperty("subsets");
    ObjectNode subset = null;
    for (JsonNode s : subsets) {
      if (name.equals(s.path("name").asText(null))) {
        subset = (ObjectNode) s;
      }
    }
    if (subset == null) {
      subset = subsets.addObject().put("name", name);
    }
    ObjectNode l = subset.putObject("labels");
    new TreeMap<>(labels).forEach(l::put);
    return copy;
  }
}
