package dev.canary4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a document against the subset of JSON Schema that the policy schema uses: type, properties,
 * additionalProperties, required, enum, items, minimum, maximum, pattern, maxLength, min/maxProperties
 * and oneOf. A keyword outside the subset is an error, so the schema cannot grow past what is checked.
 */
final class SchemaSubset {

  private static final List<String> KEYWORDS = List.of("$schema", "$id", "title", "type", "properties",
      "additionalProperties", "required", "enum", "items", "minimum", "maximum", "pattern", "maxLength",
      "minProperties", "maxProperties", "oneOf");

  private SchemaSubset() {}

  /** Every violation of {@code schema} by {@code doc}, each with its path; empty when it conforms. */
  static List<String> violations(JsonNode schema, JsonNode doc) {
    List<String> out = new ArrayList<>();
    check(schema, doc, "$", out);
    return out;
  }

  private static void check(JsonNode s, JsonNode d, String path, List<String> out) {
    for (Iterator<String> it = s.fieldNames(); it.hasNext();) {
      String keyword = it.next();
      if (!KEYWORDS.contains(keyword)) {
        throw new IllegalArgumentException("schema keyword '" + keyword + "' at " + path + " is outside the checked subset");
      }
    }
    if (s.has("oneOf")) {
      int matches = 0;
      for (JsonNode option : s.get("oneOf")) {
        if (violations(option, d).isEmpty()) {
          matches++;
        }
      }
      if (matches != 1) {
        out.add(path + ": must match exactly one of " + s.get("oneOf").size() + " alternatives, matched " + matches);
      }
    }
    if (s.has("type") && !hasType(d, s.get("type").asText())) {
      out.add(path + ": must be " + s.get("type").asText() + ", but was " + d.getNodeType());
      return;
    }
    if (s.has("enum")) {
      boolean found = false;
      for (JsonNode e : s.get("enum")) {
        found |= e.equals(d);
      }
      if (!found) {
        out.add(path + ": must be one of " + s.get("enum") + ", but was " + d);
      }
    }
    if (d.isNumber()) {
      if (s.has("minimum") && d.asDouble() < s.get("minimum").asDouble()) {
        out.add(path + ": must be at least " + s.get("minimum") + ", but was " + d);
      }
      if (s.has("maximum") && d.asDouble() > s.get("maximum").asDouble()) {
        out.add(path + ": must be at most " + s.get("maximum") + ", but was " + d);
      }
    }
    if (d.isTextual()) {
      if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(d.asText()).find()) {
        out.add(path + ": must match " + s.get("pattern").asText() + ", but was " + d);
      }
      if (s.has("maxLength") && d.asText().length() > s.get("maxLength").asInt()) {
        out.add(path + ": must be at most " + s.get("maxLength") + " characters");
      }
    }
    if (d.isArray() && s.has("items")) {
      for (int i = 0; i < d.size(); i++) {
        check(s.get("items"), d.get(i), path + "[" + i + "]", out);
      }
    }
    if (d.isObject()) {
      object(s, d, path, out);
    }
  }

  private static void object(JsonNode s, JsonNode d, String path, List<String> out) {
    if (s.has("minProperties") && d.size() < s.get("minProperties").asInt()) {
      out.add(path + ": must have at least " + s.get("minProperties") + " properties");
    }
    if (s.has("maxProperties") && d.size() > s.get("maxProperties").asInt()) {
      out.add(path + ": must have at most " + s.get("maxProperties") + " properties");
    }
    for (JsonNode r : s.path("required")) {
      if (!d.has(r.asText())) {
        out.add(path + "." + r.asText() + ": is required");
      }
    }
    for (Map.Entry<String, JsonNode> field : d.properties()) {
      JsonNode property = s.path("properties").get(field.getKey());
      String at = path + "." + field.getKey();
      if (property != null) {
        check(property, field.getValue(), at, out);
      } else if (s.has("additionalProperties")) {
        JsonNode additional = s.get("additionalProperties");
        if (additional.isBoolean() && !additional.asBoolean()) {
          out.add(at + ": is not a known field");
        } else if (additional.isObject()) {
          check(additional, field.getValue(), at, out);
        }
      }
    }
  }

  private static boolean hasType(JsonNode d, String type) {
    return switch (type) {
      case "object" -> d.isObject();
      case "array" -> d.isArray();
      case "string" -> d.isTextual();
      case "integer" -> d.isIntegralNumber();
      case "number" -> d.isNumber();
      case "boolean" -> d.isBoolean();
      default -> throw new IllegalArgumentException("schema type '" + type + "' is outside the checked subset");
    };
  }
}
