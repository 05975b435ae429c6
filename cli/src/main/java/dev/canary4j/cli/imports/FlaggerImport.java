package dev.canary4j.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a Flagger {@code Canary} (the whole resource, or its {@code analysis} block) and the
 * {@code MetricTemplate}s it references into a canary4j policy, warning of every difference in meaning.
 */
public final class FlaggerImport {

  private static final Set<String> SPEC_FIELDS = Set.of("provider", "metricsServer", "targetRef", "autoscalerRef",
      "ingressRef", "routeRef", "upstreamRef", "service", "skipAnalysis", "progressDeadlineSeconds", "revertOnDeletion",
      "suspend", "analysis", "canaryAnalysis");
  private static final Set<String> ANALYSIS_FIELDS = Set.of("interval", "iterations", "threshold", "maxWeight",
      "stepWeight", "stepWeights", "stepWeightPromotion", "mirror", "mirrorWeight", "primaryReadyThreshold",
      "canaryReadyThreshold", "match", "metrics", "alerts", "webhooks", "sessionAffinity");
  private static final Set<String> WEBHOOK_FIELDS = Set.of("name", "type", "muteAlert", "url", "timeout", "retries",
      "disableTLS", "metadata");
  private static final Set<String> GATE_TYPES = Set.of("confirm-rollout", "pre-rollout", "rollout", "confirm-promotion",
      "post-rollout", "event", "rollback", "confirm-traffic-increase");
  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  private static final int MAX_GATE_RETRIES = 10;

  private final Translation t = new Translation();
  private final Map<String, JsonNode> templates = new LinkedHashMap<>();
  private String namespace;
  private String name;
  private String serviceName;
  private String ingressName;

  private FlaggerImport() {}

  /**
   * Translates {@code documents}: one {@code Canary} (or a bare analysis block, which then needs
   * {@code name}) and any {@code MetricTemplate}s. {@code name} and {@code namespace} override the
   * resource's; {@code null} keeps them.
   *
   * @param documents the parsed YAML documents of the Flagger files
   * @param name the canary's name, or {@code null} to keep the resource's
   * @param namespace the canary's namespace, or {@code null} to keep the resource's
   * @return the policy's fields with the warnings and problems of the translation
   */
  public static Translation translate(List<JsonNode> documents, String name, String namespace) {
    FlaggerImport in = new FlaggerImport();
    in.run(documents, name, namespace);
    return in.t;
  }

  private void run(List<JsonNode> documents, String nameOverride, String namespaceOverride) {
    JsonNode canary = null;
    JsonNode analysis = null;
    String analysisPath = "analysis";
    for (int i = 0; i < documents.size(); i++) {
      JsonNode doc = documents.get(i);
      String kind = doc.path("kind").asText("");
      if (kind.equals("MetricTemplate")) {
        String ns = doc.path("metadata").path("namespace").asText("");
        templates.put(ns + "/" + doc.path("metadata").path("name").asText(""), doc);
      } else if (kind.equals("Canary")) {
        if (canary != null || analysis != null) {
          t.problem("document " + (i + 1), "a second Canary; import one canary at a time");
        }
        canary = doc;
      } else if (kind.isEmpty() && (doc.has("analysis") || doc.has("canaryAnalysis"))) {
        analysis = doc.has("analysis") ? doc.get("analysis") : doc.get("canaryAnalysis");
        analysisPath = doc.has("analysis") ? "analysis" : "canaryAnalysis";
      } else if (kind.isEmpty() && (doc.has("metrics") || doc.has("threshold") || doc.has("interval"))) {
        analysis = doc;
        analysisPath = "";
      } else {
        t.problem("document " + (i + 1), "expected a Flagger Canary, its analysis block or a MetricTemplate, but was "
            + (kind.isEmpty() ? "a document without kind" : "kind " + kind));
      }
    }
    if (canary == null && analysis == null) {
      t.problem("(input)", "no Flagger Canary and no analysis block found");
      return;
    }
    if (canary != null) {
      name = canary.path("spec").path("targetRef").path("name").asText(canary.path("metadata").path("name").asText(null));
      namespace = canary.path("metadata").path("namespace").asText(null);
      JsonNode spec = canary.path("spec");
      analysisPath = spec.has("analysis") ? "spec.analysis" : "spec.canaryAnalysis";
      analysis = spec.has("analysis") ? spec.get("analysis") : spec.get("canaryAnalysis");
      serviceName = spec.path("service").path("name").asText(name);
      ingressName = spec.path("ingressRef").path("name").asText(null);
      if (analysis == null) {
        t.problem("spec.analysis", "is required: the Canary has no analysis to translate");
        return;
      }
    }
    if (nameOverride != null) {
      name = nameOverride;
    }
    if (namespaceOverride != null) {
      namespace = namespaceOverride;
    }
    if (name == null) {
      t.problem("(input)", "an analysis block names no target: give --name");
      return;
    }
    if (namespace == null) {
      namespace = "default";
      t.warn("metadata.namespace", "not given; the policy's target is in namespace 'default' (override with --namespace)");
    }
    serviceName = serviceName == null ? name : serviceName;
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("namespace", namespace);
    target.put("name", name);
    t.policy().put("target", target);
    Duration interval = analysisNode(analysis, analysisPath.isEmpty() ? "" : analysisPath + ".");
    if (canary != null) {
      spec(canary.path("spec"), analysis, interval);
    }
  }

  private Duration analysisNode(JsonNode a, String p) {
    unknownFields(t, a, ANALYSIS_FIELDS, p, "Flagger's analysis");
    Duration interval = a.has("interval") ? duration(t, a.get("interval"), p + "interval") : DEFAULT_INTERVAL;
    t.policy().put("strategy", strategy(a, p));
    Map<String, Object> analysis = new LinkedHashMap<>();
    analysis.put("interval", text(interval));
    List<Object> translated = new ArrayList<>();
    FlaggerMetrics metrics = new FlaggerMetrics(t, templates, namespace, serviceName, ingressName);
    JsonNode ms = a.path("metrics");
    for (int i = 0; i < ms.size(); i++) {
      Map<String, Object> m = metrics.metric(ms.get(i), p + "metrics[" + i + "]");
      if (m != null) {
        translated.add(m);
      }
    }
    analysis.put("metrics", translated);
    if (translated.isEmpty()) {
      t.problem(p + "metrics", "no metric could be translated, and a canary4j policy needs at least one");
    }
    if (a.has("threshold")) {
      int threshold = a.get("threshold").asInt();
      analysis.put("limits", Map.of("failureLimit", threshold));
      t.warn(p + "threshold", "becomes failureLimit " + threshold + ", which rolls back in the analysis that reaches it; "
          + "Flagger rolls back on the next interval, so the rollback comes one interval earlier");
    } else {
      t.warn(p + "threshold", "not given; canary4j's default failureLimit (5, rollback) applies");
    }
    t.policy().put("analysis", analysis);
    List<Object> gates = new ArrayList<>();
    JsonNode hooks = a.path("webhooks");
    for (int i = 0; i < hooks.size(); i++) {
      gates.add(gate(hooks.get(i), p + "webhooks[" + i + "]"));
    }
    if (!gates.isEmpty()) {
      t.policy().put("gates", gates);
    }
    if (a.has("stepWeightPromotion")) {
      t.policy().put("promotion", Map.of("stepWeight", a.get("stepWeightPromotion").asInt()));
    }
    noEquivalent(a, p, "primaryReadyThreshold", "readiness is whatever the host's Workloads reports; the percentage "
        + "of available pods is not configurable in the policy");
    noEquivalent(a, p, "canaryReadyThreshold", "readiness is whatever the host's Workloads reports; the percentage "
        + "of available pods is not configurable in the policy");
    noEquivalent(a, p, "alerts", "canary4j does not send alerts itself; listen to the runner's events or use an "
        + "event gate");
    noEquivalent(a, p, "sessionAffinity", "canary4j routes by weight or by match only; sticky sessions are not kept");
    return interval;
  }

  private Map<String, Object> strategy(JsonNode a, String p) {
    Map<String, Object> strategy = new LinkedHashMap<>();
    boolean mirror = a.path("mirror").asBoolean(false);
    int mirrorWeight = a.path("mirrorWeight").asInt(100);
    if (a.has("iterations")) {
      int iterations = a.get("iterations").asInt();
      if (a.has("match")) {
        strategy.put("abTesting", Map.of("iterations", iterations, "match", matches(a.get("match"), p + "match")));
        if (mirror) {
          t.warn(p + "mirror", "canary4j does not mirror during A/B testing; mirroring is left out");
        }
      } else {
        Map<String, Object> blueGreen = new LinkedHashMap<>();
        blueGreen.put("iterations", iterations);
        if (mirror) {
          blueGreen.put("mirror", Map.of("percentage", mirrorWeight));
        }
        strategy.put("blueGreen", blueGreen);
      }
      for (String weightField : List.of("stepWeight", "stepWeights", "maxWeight")) {
        noEquivalent(a, p, weightField, "iterations make this a blue/green or A/B rollout, which shifts no weights");
      }
      return strategy;
    }
    Map<String, Object> canary = new LinkedHashMap<>();
    if (a.has("stepWeights")) {
      List<Integer> steps = new ArrayList<>();
      a.get("stepWeights").forEach(w -> steps.add(w.asInt()));
      canary.put("stepWeights", steps);
      if (a.has("maxWeight")) {
        t.warn(p + "maxWeight", "left out: with stepWeights the last step is the highest weight");
      }
    } else if (a.has("stepWeight")) {
      canary.put("stepWeight", a.get("stepWeight").asInt());
      canary.put("maxWeight", a.path("maxWeight").asInt(100));
      if (!a.has("maxWeight")) {
        t.warn(p + "maxWeight", "not given; Flagger's default 100 is written out");
      }
    } else {
      t.problem(p + "stepWeight", "one of iterations, stepWeight or stepWeights is required");
    }
    if (mirror) {
      canary.put("mirror", Map.of("percentage", mirrorWeight));
    }
    if (a.has("match")) {
      t.warn(p + "match", "left out: match routes apply to A/B testing (iterations) in canary4j, not to weighted steps");
    }
    strategy.put("canary", canary);
    return strategy;
  }

  private List<Object> matches(JsonNode match, String p) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < match.size(); i++) {
      JsonNode entry = match.get(i);
      String at = p + "[" + i + "]";
      JsonNode headers = entry.path("headers");
      if (headers.size() > 1) {
        t.warn(at + ".headers", "Flagger requires all " + headers.size() + " headers of one entry to match; canary4j "
            + "routes a request matching any entry, so each header becomes an entry of its own (a wider match)");
      }
      for (Map.Entry<String, JsonNode> h : headers.properties()) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean cookie = h.getKey().equalsIgnoreCase("cookie");
        JsonNode cond = h.getValue();
        if (cookie) {
          // Flagger matches cookies with a regex over the whole Cookie header; canary4j does the same
          // through a header match on 'cookie'.
          m.put("header", "cookie");
        } else {
          m.put("header", h.getKey());
        }
        if (cond.has("exact")) {
          m.put("exact", cond.get("exact").asText());
        } else if (cond.has("prefix")) {
          m.put("prefix", cond.get("prefix").asText());
        } else if (cond.has("regex")) {
          m.put("regex", cond.get("regex").asText());
        } else if (cond.has("suffix")) {
          m.put("regex", ".*" + Pattern.quote(cond.get("suffix").asText()));
          t.warn(at + ".headers." + h.getKey() + ".suffix", "canary4j has no suffix match; written as the regex "
              + m.get("regex"));
        } else {
          t.problem(at + ".headers." + h.getKey(), "needs one of exact, prefix, suffix or regex");
          continue;
        }
        out.add(m);
      }
      noEquivalent(entry, at + ".", "queryParams", "canary4j matches headers and cookies only; the entry's query "
          + "parameter conditions are dropped");
      noEquivalent(entry, at + ".", "sourceLabels", "canary4j matches headers and cookies only; the entry's source "
          + "label conditions are dropped");
    }
    if (out.isEmpty()) {
      t.problem(p, "no header match could be translated, and A/B testing needs at least one");
    }
    return out;
  }

  private Map<String, Object> gate(JsonNode w, String p) {
    unknownFields(t, w, WEBHOOK_FIELDS, p + ".", "a Flagger webhook");
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("name", w.path("name").asText());
    String type = w.path("type").asText("");
    if (type.isEmpty()) {
      type = "rollout";
    }
    if (!GATE_TYPES.contains(type)) {
      t.problem(p + ".type", "unknown webhook type '" + type + "'");
    }
    g.put("type", type);
    if (w.has("url")) {
      g.put("url", w.get("url").asText());
    }
    if (w.has("timeout")) {
      t.warn(p + ".timeout", "Flagger's timeout (" + w.get("timeout").asText() + ") bounds one HTTP request; canary4j's "
          + "gate timeout is how long a waiting gate may stay closed, so it is not carried over");
    }
    if (type.startsWith("confirm-")) {
      t.warn(p + ".type", "a closed " + type + " gate waits forever in Flagger; in canary4j it waits 1h and then "
          + "rolls back (set the gate's timeout and onTimeout to change that)");
    }
    if (w.has("retries")) {
      int retries = w.get("retries").asInt();
      if (retries > MAX_GATE_RETRIES) {
        t.warn(p + ".retries", retries + " is more than canary4j allows; written as " + MAX_GATE_RETRIES);
        retries = MAX_GATE_RETRIES;
      }
      g.put("retries", Math.max(0, retries));
    }
    if (w.has("metadata")) {
      Map<String, String> metadata = new LinkedHashMap<>();
      w.get("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().isTextual()
          ? e.getValue().asText() : e.getValue().toString()));
      g.put("metadata", metadata);
    }
    noEquivalent(w, p + ".", "muteAlert", "canary4j sends no alerts, so there is nothing to mute");
    noEquivalent(w, p + ".", "disableTLS", "canary4j always verifies the webhook's TLS certificate");
    return g;
  }

  private void spec(JsonNode spec, JsonNode analysis, Duration interval) {
    unknownFields(t, spec, SPEC_FIELDS, "spec.", "Flagger's Canary spec");
    String kind = spec.path("targetRef").path("kind").asText("Deployment");
    if (!kind.equals("Deployment")) {
      t.warn("spec.targetRef.kind", kind + ": canary4j's Kubernetes workloads are Deployments; another kind needs a "
          + "Workloads implementation of the host's");
    }
    if (spec.has("progressDeadlineSeconds")) {
      long seconds = spec.get("progressDeadlineSeconds").asLong();
      int threshold = analysis.path("threshold").asInt(5);
      Duration floor = interval.multipliedBy(threshold + 1L);
      Duration deadline = Duration.ofSeconds(seconds).compareTo(floor) < 0 ? floor : Duration.ofSeconds(seconds);
      t.policy().put("progressDeadline", text(deadline));
      t.warn("spec.progressDeadlineSeconds", seconds + "s is Flagger's limit for pods to become ready; canary4j's "
          + "progressDeadline also runs while analyses fail or hold, so it is written as " + text(deadline)
          + (deadline.getSeconds() == seconds ? "" : " (interval x (threshold + 1)) so that the failed-check threshold, "
          + "not the deadline, decides a failing canary; a canary that never becomes ready is rolled back after "
          + text(deadline) + " instead of " + seconds + "s"));
    }
    noEquivalent(spec, "spec.", "service", "canary4j routes through the host's existing Service and VirtualService; it "
        + "creates no Services (ports, gateways, hosts, traffic and retry policies stay where they are)");
    noEquivalent(spec, "spec.", "autoscalerRef", "canary4j does not scale the primary's autoscaler; the host keeps it");
    noEquivalent(spec, "spec.", "ingressRef", "canary4j routes with Istio; an ingress is not driven");
    noEquivalent(spec, "spec.", "routeRef", "canary4j routes with Istio VirtualServices; a Gateway API route is not driven");
    noEquivalent(spec, "spec.", "upstreamRef", "canary4j routes with Istio; a Gloo upstream is not driven");
    noEquivalent(spec, "spec.", "metricsServer", "canary4j queries the Prometheus its host configures "
        + "(judge/backtest --prometheus, PrometheusMetricSource)");
    noEquivalent(spec, "spec.", "revertOnDeletion", "canary4j changes no resource it would have to revert");
    noEquivalent(spec, "spec.", "suspend", "suspend a canary with the runner's pause command");
    noEquivalent(spec, "spec.", "skipAnalysis", "promote without analysis with the runner's promote command");
    String provider = spec.path("provider").asText("istio");
    if (!provider.equals("istio")) {
      t.warn("spec.provider", "'" + provider + "': canary4j's traffic router here is Istio");
    }
  }

  private void noEquivalent(JsonNode node, String prefix, String field, String why) {
    if (node.has(field)) {
      t.warn(prefix + field, "has no canary4j equivalent and is left out: " + why);
    }
  }

  static void unknownFields(Translation t, JsonNode node, Set<String> known, String prefix, String what) {
    node.fieldNames().forEachRemaining(f -> {
      if (!known.contains(f)) {
        t.warn(prefix + f, "is not a field of " + what + " and is left out");
      }
    });
  }

  static Duration duration(Translation t, JsonNode node, String p) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(node.asText());
    if (!m.matches()) {
      t.problem(p, "expected a duration such as 1m or 30s, but was '" + node.asText() + "'");
      return DEFAULT_INTERVAL;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** {@code 90s}, {@code 5m}, {@code 2h}: the shortest exact form a policy file reads. */
  static String text(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() != 0) {
      return d.toMillis() + "ms";
    }
    return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
