package dev.canary4j.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Translates the metrics of a Flagger analysis, with the MetricTemplates they reference, into canary4j metrics. */
final class FlaggerMetrics {

  private static final Set<String> METRIC_FIELDS = Set.of("name", "interval", "threshold", "thresholdRange", "query",
      "templateRef", "templateVariables");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

  private final Translation t;
  private final Map<String, JsonNode> templates;
  private final String namespace;
  private final String serviceName;
  private final String ingressName;

  FlaggerMetrics(Translation t, Map<String, JsonNode> templates, String namespace, String serviceName, String ingressName) {
    this.t = t;
    this.templates = templates;
    this.namespace = namespace;
    this.serviceName = serviceName;
    this.ingressName = ingressName;
  }

  /** The canary4j metric for the Flagger metric {@code m} at path {@code p}, or {@code null} when it cannot be translated. */
  Map<String, Object> metric(JsonNode m, String p) {
    FlaggerImport.unknownFields(t, m, METRIC_FIELDS, p + ".", "a Flagger metric");
    String metricName = m.path("name").asText("");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", metricName);
    boolean builtIn = metricName.equals("request-success-rate") || metricName.equals("request-duration");
    String query = null;
    Map<String, String> variables = new LinkedHashMap<>();
    if (m.has("templateRef")) {
      JsonNode ref = m.get("templateRef");
      String ns = ref.path("namespace").asText(namespace);
      JsonNode template = templates.get(ns + "/" + ref.path("name").asText());
      if (template == null) {
        template = templates.get("/" + ref.path("name").asText());
      }
      if (template == null) {
        t.problem(p + ".templateRef", "MetricTemplate " + ns + "/" + ref.path("name").asText()
            + " is not among the files given; pass its file too");
        return null;
      }
      query = template(template, p);
      if (query == null) {
        return null;
      }
    } else if (m.has("query")) {
      query = m.get("query").asText();
    } else if (!builtIn) {
      t.problem(p + ".name", "'" + metricName + "' is neither a built-in metric nor has a templateRef or query");
      return null;
    }
    if (query != null) {
      m.path("templateVariables").properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
      out.put("query", placeholders(query, p + (m.has("templateRef") ? ".templateRef" : ".query")));
      if (!variables.isEmpty()) {
        out.put("variables", variables);
      }
    }
    JsonNode range = m.path("thresholdRange");
    if (range.has("min")) {
      out.put("min", range.get("min").asDouble());
    }
    if (range.has("max")) {
      out.put("max", range.get("max").asDouble());
    }
    if (m.has("threshold") && !m.has("thresholdRange")) {
      double threshold = m.get("threshold").asDouble();
      out.put(metricName.equals("request-success-rate") ? "min" : "max", threshold);
    }
    if (!out.containsKey("min") && !out.containsKey("max")) {
      t.problem(p + ".thresholdRange", "needs min or max: a canary4j metric must set a threshold");
      return null;
    }
    if (m.has("interval")) {
      out.put("interval", FlaggerImport.text(FlaggerImport.duration(t, m.get("interval"), p + ".interval")));
    }
    out.put("onNoData", "fail");
    t.warn(p, "Flagger counts a check without data as failed; kept as onNoData: fail (canary4j can instead hold "
        + "the step with onNoData: inconclusive)");
    return out;
  }

  private String template(JsonNode template, String p) {
    JsonNode spec = template.path("spec");
    String where = "MetricTemplate " + template.path("metadata").path("name").asText();
    String type = spec.path("provider").path("type").asText("prometheus");
    if (!type.equals("prometheus")) {
      t.problem(p + ".templateRef", where + " queries provider '" + type + "'; canary4j's metric source here is "
          + "Prometheus");
      return null;
    }
    if (spec.path("provider").has("address")) {
      t.warn(where + " spec.provider.address", "left out: canary4j queries the Prometheus its host configures "
          + "(judge/backtest --prometheus, the runner's PrometheusMetricSource)");
    }
    if (spec.path("provider").has("secretRef")) {
      t.warn(where + " spec.provider.secretRef", "left out: credentials are the host's Prometheus settings "
          + "(--bearer-token-file, --basic-auth-user ...)");
    }
    if (spec.path("provider").path("insecureSkipVerify").asBoolean(false)) {
      t.warn(where + " spec.provider.insecureSkipVerify", "left out: canary4j always verifies TLS; trust the "
          + "server's CA with --ca-file");
    }
    if (!spec.has("query")) {
      t.problem(p + ".templateRef", where + " has no spec.query");
      return null;
    }
    return spec.get("query").asText();
  }

  /** Flagger's Go template variables as canary4j's placeholders. */
  private String placeholders(String query, String p) {
    Matcher m = PLACEHOLDER.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String variable = m.group(1);
      String replacement;
      if (variable.equals("target")) {
        replacement = "{{ canary }}";
      } else if (variable.equals("namespace") || variable.equals("interval")) {
        replacement = "{{ " + variable + " }}";
      } else if (variable.startsWith("variables.")) {
        replacement = "{{ " + variable.substring("variables.".length()) + " }}";
      } else if (variable.equals("service")) {
        replacement = serviceName;
        t.warn(p, "{{ service }} has no canary4j variable; written as the service's name '" + serviceName + "'");
      } else if (variable.equals("ingress") && ingressName != null) {
        replacement = ingressName;
        t.warn(p, "{{ ingress }} has no canary4j variable; written as the ingress' name '" + ingressName + "'");
      } else {
        replacement = m.group();
        t.problem(p, "the template expression '" + m.group() + "' has no canary4j equivalent");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
