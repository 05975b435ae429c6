package dev.canary4j.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The primary's and the canary's destinations as a VirtualService names them. A host matches in
 * its short form ({@code podinfo}) or qualified with the namespace ({@code podinfo.test},
 * {@code podinfo.test.svc.cluster.local}).
 *
 * @param namespace the target's namespace
 * @param primaryHost host of the primary
 * @param primarySubset subset of the primary, or {@code null} in {@link DestinationMode#HOSTS}
 * @param canaryHost host of the canary
 * @param canarySubset subset of the canary, or {@code null}
 */
record Destinations(String namespace, String primaryHost, String primarySubset, String canaryHost, String canarySubset) {

  boolean isPrimary(JsonNode destination) {
    return matches(destination, primaryHost, primarySubset);
  }

  boolean isCanary(JsonNode destination) {
    return matches(destination, canaryHost, canarySubset);
  }

  String describePrimary() {
    return describe(primaryHost, primarySubset);
  }

  String describeCanary() {
    return describe(canaryHost, canarySubset);
  }

  /** A canary destination shaped like {@code primary} (same port, same host form). */
  ObjectNode canaryLike(JsonNode primary) {
    ObjectNode d = primary.deepCopy();
    String host = primary.path("host").asText();
    String suffix = host.startsWith(primaryHost) ? host.substring(primaryHost.length()) : "";
    d.put("host", canaryHost + suffix);
    if (canarySubset != null) {
      d.put("subset", canarySubset);
    } else {
      d.remove("subset");
    }
    return d;
  }

  private boolean matches(JsonNode destination, String host, String subset) {
    String h = destination.path("host").asText("");
    boolean hostMatches = h.equals(host) || h.equals(host + "." + namespace) || h.startsWith(host + "." + namespace + ".svc");
    String s = destination.path("subset").asText(null);
    return hostMatches && (subset == null ? s == null || s.isEmpty() : subset.equals(s));
  }

  private static String describe(String host, String subset) {
    return "host " + host + (subset == null ? "" : " subset " + subset);
  }
}
