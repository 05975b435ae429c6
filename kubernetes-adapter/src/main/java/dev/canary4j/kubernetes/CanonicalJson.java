package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** JSON with object keys sorted at every level, so that equal objects hash equally. */
final class CanonicalJson {

  private CanonicalJson() {}

  /** A copy of {@code node} with every object's keys in sorted order. */
  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = ((ObjectNode) node).objectNode();
      Map<String, JsonNode> keys = new TreeMap<>();
      node.properties().forEach(e -> keys.put(e.getKey(), e.getValue()));
      keys.forEach((k, v) -> out.set(k, sorted(v)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = ((ArrayNode) node).arrayNode();
      node.forEach(v -> out.add(sorted(v)));
      return out;
    }
    return node;
  }

  /** Lower-case hex SHA-256 of {@code node}'s canonical compact JSON. */
  static String sha256(JsonNode node) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(sorted(node).toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every Java platform", e);
    }
  }
}
