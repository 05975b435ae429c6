package dev.canary4j.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a Kayenta canary config (alone, or in an ad-hoc execution request that carries the
 * scoring thresholds) into a canary4j policy: each metric judged by Mann-Whitney, combined into one
 * weighted score, with every difference in meaning as a warning.
 */
public final class KayentaImport {

  private static final Set<String> CONFIG_FIELDS = Set.of("id", "name", "description", "configVersion", "applications",
      "judge", "metrics", "templates", "classifier", "createdTimestamp", "createdTimestampIso", "updatedTimestamp",
      "updatedTimestampIso");
  private static final Set<String> METRIC_FIELDS = Set.of("name", "query", "groups", "analysisConfigurations",
      "scopeName");
  private static final Set<String> CANARY_FIELDS = Set.of("direction", "nanStrategy", "critical", "mustHaveData",
      "effectSize", "outliers");
  private static final Set<String> QUERY_FIELDS = Set.of("type", "serviceType", "metricName", "labelBindings",
      "groupByFields", "customFilter", "customFilterTemplate", "customInlineTemplate", "resourceType");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
  private static final String PROMQL_PREFIX = "PromQL:";

  private final Translation t = new Translation();
  private JsonNode templates;

  private KayentaImport() {}

  /**
   * Translates the config in {@code documents} for the target {@code namespace}/{@code name}; the
   * policy analyses every {@code interval}, each metric over {@code window}.
   *
   * @param documents the parsed JSON or YAML documents holding the Kayenta canary config
   * @param name the target's name
   * @param namespace the target's namespace
   * @param interval the time between analyses, in the policy's duration syntax (e.g. {@code 1m})
   * @param window each metric's query window, in the policy's duration syntax
   * @return the policy's fields with the warnings and problems of the translation
   */
  public static Translation translate(List<JsonNode> documents, String name, String namespace, String interval,
      String window) {
    KayentaImport in = new KayentaImport();
    in.run(documents, name, namespace, interval, window);
    return in.t;
  }

  private void run(List<JsonNode> documents, String name, String namespace, String interval, String window) {
    if (documents.size() != 1) {
      t.problem("(input)", "expected one Kayenta canary config, but found " + documents.size() + " documents");
      return;
    }
    JsonNode doc = documents.get(0);
    JsonNode config = doc.has("canaryConfig") ? doc.get("canaryConfig") : doc;
    String p = doc.has("canaryConfig") ? "canaryConfig." : "";
    if (!config.has("metrics")) {
      t.problem(p + "metrics", "is required: a Kayenta canary config lists its metrics");
      return;
    }
    unknown(config, CONFIG_FIELDS, p, "a Kayenta canary config");
    templates = config.path("templates");
    String judge = config.path("judge").path("name").asText("NetflixACAJudge-v1.0");
    if (!judge.startsWith("NetflixACAJudge")) {
      t.warn(p + "judge.name", "'" + judge + "': canary4j judges with its Mann-Whitney judge, Kayenta's "
          + "NetflixACAJudge");
    }
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("namespace", namespace);
    target.put("name", name);
    t.policy().put("target", target);
    t.policy().put("strategy", Map.of("canary", Map.of("stepWeight", 10, "maxWeight", 50)));
    t.warn(p.isEmpty() ? "(config)" : p.substring(0, p.length() - 1), "Kayenta shifts no traffic; the policy steps "
        + "the canary by 10% up to 50% (edit strategy to change that)");
    Map<String, Object> analysis = new LinkedHashMap<>();
    analysis.put("interval", interval);
    analysis.put("score", score(doc, config, p));
    List<Object> metrics = new ArrayList<>();
    Set<String> groups = new LinkedHashSet<>();
    JsonNode ms = config.get("metrics");
    for (int i = 0; i < ms.size(); i++) {
      Map<String, Object> m = metric(ms.get(i), p + "metrics[" + i + "]", window, groups);
      if (m != null) {
        metrics.add(m);
      }
    }
    analysis.put("metrics", metrics);
    analysis.put("limits", Map.of("failureLimit", 1));
    t.warn(p + "classifier.scoreThresholds.marginal", "a score below marginal ends a Kayenta stage; the policy rolls "
        + "back at the first such analysis (failureLimit 1), and a marginal score holds the step (onMarginal: "
        + "inconclusive) where Kayenta would go on to the next interval");
    t.policy().put("analysis", analysis);
    Object weights = ((Map<?, ?>) analysis.get("score")).get("groupWeights");
    if (weights instanceof Map<?, ?> w) {
      for (Object g : w.keySet()) {
        if (!groups.contains(g.toString())) {
          t.problem(p + "classifier.groupWeights." + g, "names a group that no translated metric belongs to");
        }
      }
    }
  }

  private Map<String, Object> score(JsonNode doc, JsonNode config, String p) {
    Map<String, Object> score = new LinkedHashMap<>();
    JsonNode thresholds = doc.path("executionRequest").path("thresholds");
    String from = "executionRequest.thresholds";
    if (thresholds.isMissingNode()) {
      thresholds = config.path("classifier").path("scoreThresholds");
      from = p + "classifier.scoreThresholds";
    }
    if (thresholds.isMissingNode()) {
      t.warn(p + "classifier.scoreThresholds", "not given (Kayenta takes them from the execution request); "
          + "canary4j's defaults pass 95 and marginal 75 apply");
    } else {
      if (thresholds.has("pass")) {
        score.put("pass", thresholds.get("pass").asDouble());
      }
      if (thresholds.has("marginal")) {
        score.put("marginal", thresholds.get("marginal").asDouble());
      }
      if (!thresholds.has("pass") || !thresholds.has("marginal")) {
        t.warn(from, "gives only some thresholds; canary4j's defaults (pass 95, marginal 75) fill the others");
      }
    }
    JsonNode weights = config.path("classifier").path("groupWeights");
    if (weights.size() > 0) {
      Map<String, Object> w = new LinkedHashMap<>();
      weights.properties().forEach(e -> w.put(e.getKey(), e.getValue().asDouble()));
      score.put("groupWeights", w);
    }
    score.put("onMarginal", "inconclusive");
    return score;
  }

  private Map<String, Object> metric(JsonNode m, String p, String window, Set<String> groups) {
    unknown(m, METRIC_FIELDS, p + ".", "a Kayenta metric");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", m.path("name").asText());
    String query = query(m.path("query"), p + ".query");
    if (query == null) {
      return null;
    }
    out.put("query", query);
    out.put("interval", window);
    Map<String, Object> judge = new LinkedHashMap<>();
    judge.put("type", "mann-whitney");
    List<String> metricGroups = new ArrayList<>();
    m.path("groups").forEach(g -> metricGroups.add(g.asText()));
    if (!metricGroups.isEmpty()) {
      judge.put("groups", metricGroups);
      groups.addAll(metricGroups);
    } else {
      groups.add("ungrouped");
    }
    JsonNode c = m.path("analysisConfigurations").path("canary");
    unknown(c, CANARY_FIELDS, p + ".analysisConfigurations.canary.", "Kayenta's canary analysis configuration");
    for (String field : List.of("direction", "nanStrategy")) {
      if (c.has(field)) {
        judge.put(field, c.get(field).asText());
      }
    }
    if (c.path("critical").asBoolean(false)) {
      judge.put("critical", true);
      out.put("critical", true);
    }
    if (c.has("mustHaveData")) {
      judge.put("mustHaveData", c.get("mustHaveData").asBoolean());
    }
    JsonNode effect = c.path("effectSize");
    if (effect.size() > 0) {
      Map<String, Object> e = new LinkedHashMap<>();
      for (String field : List.of("measure", "allowedIncrease", "allowedDecrease", "criticalIncrease", "criticalDecrease")) {
        if (effect.has(field)) {
          e.put(field, field.equals("measure") ? effect.get(field).asText() : effect.get(field).asDouble());
        }
      }
      judge.put("effectSize", e);
    }
    JsonNode outliers = c.path("outliers");
    if (outliers.path("strategy").asText("keep").equals("remove")) {
      judge.put("outliers", Map.of("factor", outliers.path("outlierFactor").asDouble(3.0)));
      if (!outliers.has("outlierFactor")) {
        t.warn(p + ".analysisConfigurations.canary.outliers.outlierFactor", "not given; Kayenta's default 3 is written out");
      }
    }
    if (m.has("scopeName") && !m.get("scopeName").asText().equals("default")) {
      t.warn(p + ".scopeName", "'" + m.get("scopeName").asText() + "': canary4j has one scope per version, the "
          + "canary's and the primary's workloads");
    }
    out.put("judge", judge);
    out.put("onNoData", "inconclusive");
    return out;
  }

  private String query(JsonNode q, String p) {
    unknown(q, QUERY_FIELDS, p + ".", "Kayenta's Prometheus query");
    String type = q.path("type").asText(q.path("serviceType").asText(""));
    if (!type.equals("prometheus")) {
      t.problem(p + ".type", "'" + type + "': canary4j's metric source here is Prometheus");
      return null;
    }
    String promql;
    if (q.has("customInlineTemplate")) {
      String inline = q.get("customInlineTemplate").asText();
      promql = inline.startsWith(PROMQL_PREFIX) ? inline.substring(PROMQL_PREFIX.length()) : inline;
    } else if (q.has("metricName")) {
      String filter = null;
      if (q.has("customFilterTemplate")) {
        String name = q.get("customFilterTemplate").asText();
        if (!templates.has(name)) {
          t.problem(p + ".customFilterTemplate", "names the template '" + name + "', which the config's templates lack");
          return null;
        }
        filter = templates.get(name).asText();
      } else if (q.has("customFilter")) {
        filter = q.get("customFilter").asText();
      }
      if (filter == null) {
        filter = "destination_workload=\"${scope}\", destination_workload_namespace=\"${location}\"";
        t.warn(p + ".metricName", "has no filter; Kayenta selects the scope by resourceType, canary4j by Istio's "
            + "workload labels: " + filter);
      }
      promql = q.get("metricName").asText() + "{" + filter + "}";
    } else {
      t.problem(p, "needs customInlineTemplate or metricName");
      return null;
    }
    if (q.has("labelBindings")) {
      t.warn(p + ".labelBindings", "left out: canary4j's queries bind their variables through the policy's variables");
    }
    if (q.has("groupByFields") && q.get("groupByFields").size() > 0) {
      t.warn(p + ".groupByFields", "left out: canary4j needs one series per version, so the query is summed into one");
      promql = "sum(" + promql + ")";
    }
    if (q.has("resourceType")) {
      t.warn(p + ".resourceType", "left out: the scope is the workload of each version");
    }
    return variables(promql, p);
  }

  /** Kayenta's {@code ${scope}} and {@code ${location}} as canary4j's {@code {{ target }}} and {@code {{ namespace }}}. */
  private String variables(String promql, String p) {
    Matcher m = VARIABLE.matcher(promql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = switch (m.group(1)) {
        case "scope" -> "{{ target }}";
        case "location" -> "{{ namespace }}";
        default -> {
          t.problem(p, "the variable ${" + m.group(1) + "} has no canary4j equivalent (known: scope, location)");
          yield m.group();
        }
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private void unknown(JsonNode node, Set<String> known, String prefix, String what) {
    node.fieldNames().forEachRemaining(f -> {
      if (!known.contains(f)) {
        t.warn(prefix + f, "is not a field of " + what + " and is left out");
      }
    });
  }
}
