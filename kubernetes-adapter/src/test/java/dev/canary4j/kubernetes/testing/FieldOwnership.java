package dev.canary4j.kubernetes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The field managers of one object, as server-side apply tracks them: each manager and operation
 * ({@code Apply} or {@code Update}) owns a set of field paths such as {@code .spec.http}. Objects
 * are walked field by field; a list or a scalar is one field (every list is atomic here, as lists
 * without list keys are on a real server).
 */
final class FieldOwnership {

  /** One conflicting field and the manager that owns it. */
  record Conflict(String manager, String apiVersion, String field) {}

  private record Owner(String manager, String operation) {}

  /** Separates the keys of a field path inside this class; keys (annotations, labels) may hold dots. */
  static final char SEP = '\u001f';

  private static final Set<String> IDENTITY = Set.of(".apiVersion", ".kind", ".metadata.name", ".metadata.namespace",
      ".metadata.resourceVersion", ".metadata.managedFields", ".metadata.uid", ".metadata.creationTimestamp",
      ".metadata.generation", ".metadata.generateName").stream().map(f -> f.replace('.', SEP))
      .collect(Collectors.toSet());

  private final Map<Owner, Set<String>> fields = new LinkedHashMap<>();
  private final Map<Owner, String> apiVersions = new LinkedHashMap<>();
  private final Map<Owner, Instant> times = new LinkedHashMap<>();

  /** Records that {@code manager} owns {@code field} (written with dots, like {@code .spec.http}) through an update. */
  void own(String manager, String field) {
    fields.computeIfAbsent(new Owner(manager, "Update"), o -> new LinkedHashSet<>()).add(field.replace('.', SEP));
  }

  /** The fields of {@code applied} whose value differs from {@code current} and that another manager owns. */
  List<Conflict> conflicts(String manager, JsonNode current, JsonNode applied) {
    List<Conflict> out = new ArrayList<>();
    Owner self = new Owner(manager, "Apply");
    for (String field : leaves(applied)) {
      if (at(current, field).equals(at(applied, field))) {
        continue;
      }
      fields.forEach((owner, owned) -> {
        if (!owner.equals(self) && owned.stream().anyMatch(f -> overlaps(f, field))) {
          out.add(new Conflict(owner.manager(), apiVersions.getOrDefault(owner, applied.path("apiVersion").asText()),
              display(field)));
        }
      });
    }
    return out;
  }

  /**
   * Makes {@code manager} own exactly the fields of {@code applied}, taking them from others when
   * {@code force}; returns the fields it owned before, no longer applies, and nobody else owns
   * (the server removes them from the object).
   */
  Set<String> apply(String manager, JsonNode applied, boolean force, Instant now) {
    Owner self = new Owner(manager, "Apply");
    Set<String> next = leaves(applied);
    if (force) {
      fields.forEach((owner, owned) -> {
        if (!owner.equals(self)) {
          owned.removeIf(f -> next.stream().anyMatch(n -> overlaps(f, n)));
        }
      });
    }
    Set<String> dropped = new LinkedHashSet<>(fields.getOrDefault(self, Set.of()));
    dropped.removeAll(next);
    dropped.removeIf(f -> fields.entrySet().stream()
        .anyMatch(e -> !e.getKey().equals(self) && e.getValue().contains(f)));
    fields.put(self, next);
    apiVersions.put(self, applied.path("apiVersion").asText());
    times.put(self, now);
    return dropped;
  }

  /** Gives {@code manager} the fields that {@code after} changed from {@code before}, taking them from others. */
  void update(String manager, JsonNode before, JsonNode after, Instant now) {
    Owner self = new Owner(manager, "Update");
    Set<String> changed = new LinkedHashSet<>();
    for (String field : leaves(after)) {
      if (!at(before, field).equals(at(after, field))) {
        changed.add(field);
      }
    }
    Set<String> removed = leaves(before);
    removed.removeAll(leaves(after));
    fields.values().forEach(owned -> owned.removeIf(f -> removed.contains(f)
        || changed.stream().anyMatch(c -> overlaps(f, c))));
    if (!changed.isEmpty()) {
      fields.computeIfAbsent(self, o -> new LinkedHashSet<>()).addAll(changed);
      apiVersions.put(self, after.path("apiVersion").asText());
      times.put(self, now);
    }
  }

  /** {@code metadata.managedFields} as the API server writes it (FieldsV1). */
  ArrayNode managedFields() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    fields.forEach((owner, owned) -> {
      if (owned.isEmpty()) {
        return;
      }
      ObjectNode entry = out.addObject().put("manager", owner.manager()).put("operation", owner.operation())
          .put("apiVersion", apiVersions.getOrDefault(owner, "v1"));
      Instant time = times.get(owner);
      if (time != null) {
        entry.put("time", time.toString());
      }
      entry.put("fieldsType", "FieldsV1");
      ObjectNode fieldsV1 = entry.putObject("fieldsV1");
      for (String field : owned) {
        ObjectNode node = fieldsV1;
        for (String part : parts(field)) {
          node = node.withObjectProperty("f:" + part);
        }
      }
    });
    return out;
  }

  /** Every field path of {@code node} that a manager can own: leaves of the object tree. */
  static Set<String> leaves(JsonNode node) {
    Set<String> out = new LinkedHashSet<>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, Set<String> out) {
    if (IDENTITY.contains(prefix)) {
      return;
    }
    if (node.isObject() && (node.size() > 0 || prefix.isEmpty())) {
      node.properties().forEach(e -> collect(e.getValue(), prefix + SEP + e.getKey(), out));
    } else {
      out.add(prefix);
    }
  }

  /** The value at {@code field} of {@code node}, or a missing node. */
  static JsonNode at(JsonNode node, String field) {
    JsonNode n = node;
    for (String part : parts(field)) {
      n = n.path(part);
    }
    return n;
  }

  /** Removes {@code field} from {@code object}. */
  static void remove(ObjectNode object, String field) {
    String[] parts = parts(field);
    JsonNode parent = object;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.path(parts[i]);
    }
    if (parent instanceof ObjectNode o) {
      o.remove(parts[parts.length - 1]);
    }
  }

  /** {@code field} as the API server names it: keys joined by dots, like {@code .spec.http}. */
  static String display(String field) {
    return field.replace(SEP, '.');
  }

  private static String[] parts(String field) {
    return field.substring(1).split(String.valueOf(SEP));
  }

  private static boolean overlaps(String a, String b) {
    return a.equals(b) || a.startsWith(b + SEP) || b.startsWith(a + SEP);
  }
}
