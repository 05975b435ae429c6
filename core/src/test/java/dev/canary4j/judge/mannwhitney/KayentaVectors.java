package dev.canary4j.judge.mannwhitney;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The reference vectors from Kayenta's judge test suite, read from the test resources. */
final class KayentaVectors {

  private static final String RESOURCE = "/kayenta/kayenta-judge-vectors.json";
  private static final JsonNode ROOT = load();

  private KayentaVectors() {}

  static List<JsonNode> section(String name) {
    JsonNode node = ROOT.get(name);
    if (node == null || !node.isArray()) {
      throw new IllegalStateException("expected an array '" + name + "' in " + RESOURCE);
    }
    List<JsonNode> cases = new ArrayList<>();
    node.forEach(cases::add);
    return cases;
  }

  static JsonNode named(String section, String name) {
    return section(section).stream().filter(c -> name.equals(text(c, "name"))).findFirst()
        .orElseThrow(() -> new IllegalStateException("no case '" + name + "' in " + section));
  }

  static String notes() {
    return ROOT.get("notes").asText();
  }

  static double[] values(JsonNode node, String field) {
    JsonNode array = node.get(field);
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static JsonNode load() {
    try (InputStream in = KayentaVectors.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCE);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
