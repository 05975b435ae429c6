package dev.canary4j.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against a JSON Schema (2020-12) written with the keywords the timeline schema
 * uses: {@code type}, {@code const}, {@code enum}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items}, {@code anyOf}, local {@code $ref}, {@code minimum},
 * {@code maximum}, {@code minLength} and {@code pattern}. A schema using any other keyword is
 * rejected when loaded, so that nothing it says is silently ignored. Thread-safe.
 */
final class SchemaSubset {

  private static final Set<String> KEYWORDS = Set.of("type", "const", "enum", "properties", "required",
      "additionalProperties", "items", "anyOf", "$ref", "minimum", "maximum", "minLength", "pattern");
  private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "title", "description");

  private final JsonNode root;

  SchemaSubset(JsonNode root) {
    this.root = root;
    List<String> unsupported = new ArrayList<>();
    checkKeywords(root, "#", unsupported);
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException("The schema uses keywords this checker does not know: " + unsupported);
    }
  }

  /** Every violation of {@code value} against the definition at {@code pointer} ({@code #} or {@code #/$defs/x}). */
  List<String> check(JsonNode value, String pointer, String path) {
    List<String> problems = new ArrayList<>();
    check(value, resolve(pointer), path, problems);
    return problems;
  }

  private void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
    if (schema.has("$ref")) {
      check(value, resolve(schema.get("$ref").asText()), path, problems);
    }
    if (schema.has("anyOf")) {
      boolean any = false;
      for (JsonNode option : schema.get("anyOf")) {
        List<String> tried = new ArrayList<>();
        check(value, option, path, tried);
        any |= tried.isEmpty();
      }
      if (!any) {
        problems.add(where(path) + "must match one of " + schema.get("anyOf") + ", but was " + shown(value));
      }
    }
    if (schema.has("type") && !hasType(value, schema.get("type"))) {
      problems.add(where(path) + "must be of type " + schema.get("type") + ", but was " + shown(value));
      return;
    }
    if (schema.has("const") && !schema.get("const").equals(value)) {
      problems.add(where(path) + "must be " + schema.get("const") + ", but was " + shown(value));
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      problems.add(where(path) + "must be one of " + schema.get("enum") + ", but was " + shown(value));
    }
    if (value.isNumber()) {
      if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
        problems.add(where(path) + "must be at least " + schema.get("minimum") + ", but was " + value);
      }
      if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
        problems.add(where(path) + "must be at most " + schema.get("maximum") + ", but was " + value);
      }
    }
    if (value.isTextual()) {
      if (schema.has("minLength") && value.asText().length() < schema.get("minLength").asInt()) {
        problems.add(where(path) + "must have at least " + schema.get("minLength") + " characters, but was " + value);
      }
      if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
        problems.add(where(path) + "must match " + schema.get("pattern").asText() + ", but was " + value);
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), path + "[" + i + "]", problems);
      }
    }
    if (value.isObject()) {
      checkObject(value, schema, path, problems);
    }
  }

  private void checkObject(JsonNode value, JsonNode schema, String path, List<String> problems) {
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        problems.add(where(join(path, required.asText())) + "is required");
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String fieldPath = join(path, field.getKey());
      if (properties.has(field.getKey())) {
        check(field.getValue(), properties.get(field.getKey()), fieldPath, problems);
      } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
        problems.add(where(fieldPath) + "is not a known field (known: " + String.join(", ", names(properties)) + ")");
      } else if (additional != null && additional.isObject()) {
        check(field.getValue(), additional, fieldPath, problems);
      }
    }
  }

  private JsonNode resolve(String pointer) {
    if (pointer.equals("#")) {
      return root;
    }
    if (!pointer.startsWith("#/")) {
      throw new IllegalArgumentException("Expected a local reference starting with '#/' but was '" + pointer + "'");
    }
    JsonNode node = root.at(pointer.substring(1));
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("The schema has no definition at '" + pointer + "'");
    }
    return node;
  }

  private static boolean hasType(JsonNode value, JsonNode type) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (hasType(value, t)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      case "number" -> value.isNumber();
      case "integer" -> value.isIntegralNumber() || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
      default -> throw new IllegalArgumentException("Unknown JSON Schema type '" + type.asText() + "'");
    };
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode v : values) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> names(JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void checkKeywords(JsonNode schema, String at, List<String> unsupported) {
    if (!schema.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : schema.properties()) {
      String k = e.getKey();
      if (!KEYWORDS.contains(k) && !ANNOTATIONS.contains(k)) {
        unsupported.add(at + "/" + k);
      } else if (k.equals("properties") || k.equals("$defs")) {
        e.getValue().properties().forEach(p -> checkKeywords(p.getValue(), at + "/" + k + "/" + p.getKey(), unsupported));
      } else if (k.equals("items") || k.equals("additionalProperties")) {
        checkKeywords(e.getValue(), at + "/" + k, unsupported);
      } else if (k.equals("anyOf")) {
        for (int i = 0; i < e.getValue().size(); i++) {
          checkKeywords(e.getValue().get(i), at + "/anyOf/" + i, unsupported);
        }
      }
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String where(String path) {
    return (path.isEmpty() ? "(the document)" : path) + ": ";
  }

  private static String shown(JsonNode value) {
    String s = value.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
