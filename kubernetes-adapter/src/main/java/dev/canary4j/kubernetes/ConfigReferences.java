package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the ConfigMaps and Secrets a pod template uses: volumes, projected volume sources,
 * {@code env[].valueFrom} and {@code envFrom} of containers, init containers and ephemeral
 * containers. Pure: no I/O.
 */
final class ConfigReferences {

  private final Map<String, ConfigReference> found = new LinkedHashMap<>();

  private ConfigReferences() {}

  /** The references of {@code template} ({@code spec.template} of a Deployment), in order of first use. */
  static List<ConfigReference> of(JsonNode template) {
    ConfigReferences refs = new ConfigReferences();
    String base = "spec.template.spec";
    JsonNode spec = template.path("spec");
    int i = 0;
    for (JsonNode volume : spec.path("volumes")) {
      String at = base + ".volumes[" + i++ + "]";
      refs.add("ConfigMap", volume.path("configMap"), "name", at + ".configMap");
      refs.add("Secret", volume.path("secret"), "secretName", at + ".secret");
      int j = 0;
      for (JsonNode source : volume.path("projected").path("sources")) {
        String s = at + ".projected.sources[" + j++ + "]";
        refs.add("ConfigMap", source.path("configMap"), "name", s + ".configMap");
        refs.add("Secret", source.path("secret"), "name", s + ".secret");
      }
    }
    for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
      int c = 0;
      for (JsonNode container : spec.path(list)) {
        String at = base + "." + list + "[" + c++ + "]";
        int e = 0;
        for (JsonNode env : container.path("env")) {
          String v = at + ".env[" + e++ + "].valueFrom";
          refs.add("ConfigMap", env.path("valueFrom").path("configMapKeyRef"), "name", v + ".configMapKeyRef");
          refs.add("Secret", env.path("valueFrom").path("secretKeyRef"), "name", v + ".secretKeyRef");
        }
        int f = 0;
        for (JsonNode envFrom : container.path("envFrom")) {
          String v = at + ".envFrom[" + f++ + "]";
          refs.add("ConfigMap", envFrom.path("configMapRef"), "name", v + ".configMapRef");
          refs.add("Secret", envFrom.path("secretRef"), "name", v + ".secretRef");
        }
      }
    }
    return List.copyOf(refs.found.values());
  }

  private void add(String kind, JsonNode ref, String nameField, String at) {
    String name = ref.path(nameField).asText("");
    if (name.isEmpty()) {
      return;
    }
    boolean optional = ref.path("optional").asBoolean(false);
    ConfigReference before = found.get(kind + "/" + name);
    List<String> usedAt = new ArrayList<>(before == null ? List.of() : before.usedAt());
    usedAt.add(at);
    found.put(kind + "/" + name, new ConfigReference(kind, name, (before == null || before.optional()) && optional, usedAt));
  }
}
