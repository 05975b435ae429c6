package dev.canary4j.spec;

import dev.canary4j.internal.spec.SpecNode;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code gates}: a list of webhook or manual gates. */
final class GateSpecReader {

  static final List<String> FIELDS =
      List.of("name", "type", "url", "timeout", "onTimeout", "retries", "metadata");
  private static final Map<String, GateType> TYPES = new LinkedHashMap<>();
  private static final Map<String, GateSpec.TimeoutAction> TIMEOUT_ACTIONS =
      AnalysisSpecReader.choices(GateSpec.TimeoutAction.values());

  static {
    for (GateType t : GateType.values()) {
      TYPES.put(t.specName(), t);
    }
  }

  private GateSpecReader() {}

  /** The gates in order; an entry that is not a mapping becomes {@code null}, which the model reports. */
  static List<GateSpec> read(SpecNode node) {
    List<GateSpec> gates = new ArrayList<>();
    for (SpecNode item : node.items()) {
      gates.add(item.isMapping(FIELDS) ? gate(item) : null);
    }
    return gates;
  }

  private static GateSpec gate(SpecNode node) {
    return new GateSpec(node.get("name").text(), node.get("type").choice(TYPES), node.get("url").uri(),
        node.get("timeout").duration(), node.get("onTimeout").choice(TIMEOUT_ACTIONS),
        node.get("retries").integer(), node.get("metadata").textMap());
  }
}
