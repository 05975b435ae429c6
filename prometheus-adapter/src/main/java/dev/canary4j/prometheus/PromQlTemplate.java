package dev.canary4j.prometheus;

import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Target;
import dev.canary4j.prometheus.internal.PromDurations;
import dev.canary4j.prometheus.internal.QueryTemplate;
import dev.canary4j.spi.MetricQuery;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A PromQL query template with {@code {{ name }}} placeholders, for metric sources of one's own that
 * build PromQL from a policy's metric the way {@link PrometheusMetricSource} does.
 *
 * <p>The variables {@link #variables} offers for a metric and a version:
 * <ul>
 *   <li>{@code namespace}: the target's namespace;</li>
 *   <li>{@code target}: the workload of the version being measured (the canary's or the primary's);</li>
 *   <li>{@code canary}, {@code primary}: both workloads' names;</li>
 *   <li>{@code interval}: the window as a PromQL duration ({@code 5m}, {@code 1h30m});</li>
 *   <li>every key of the metric's own {@code variables}.</li>
 * </ul>
 *
 * <p>Each value is escaped for where its placeholder stands: inside a quoted string for that quote
 * (and as a literal regular expression after {@code =~} or {@code !~}); inside a back-quoted string
 * a value holding a back quote is refused; outside strings only a number, a duration or a name that
 * is not a PromQL keyword is accepted; inside a comment, which ends at a line feed or a carriage
 * return as PromQL's does, only a value without line breaks. So no value can change the query's
 * structure. Reading and rendering take time linear in the template's and the values' length.
 * Immutable and thread-safe.
 */
public final class PromQlTemplate {
  private final String text;
  private final QueryTemplate template;

  private PromQlTemplate(String text) {
    this.text = text;
    this.template = new QueryTemplate(text);
  }

  /**
   * The template {@code text}.
   *
   * @param text PromQL with <code>{{ name }}</code> placeholders
   * @return the parsed template
   */
  public static PromQlTemplate of(String text) {
    return new PromQlTemplate(Objects.requireNonNull(text, "text"));
  }

  /**
   * The template's text as written.
   *
   * @return the text given to {@link #of}
   */
  public String text() {
    return text;
  }

  /**
   * The placeholder names the template uses, in order of first use.
   *
   * @return the names, each once; empty for a template without placeholders
   */
  public Set<String> placeholders() {
    return MetricCheck.named("template").withQuery(text).templateVariablesUsed();
  }

  /**
   * The query with every placeholder replaced by its escaped value.
   *
   * @param values the value of each placeholder by name, unescaped
   * @return the PromQL query to send
   * @throws IllegalArgumentException naming the variable when it is unknown or its value cannot be placed safely
   */
  public String render(Map<String, String> values) {
    return template.render(Objects.requireNonNull(values, "values"));
  }

  /**
   * The variables of {@code query}'s metric for {@code version}'s workload, with its window as
   * {@code interval}.
   *
   * @param query the runner's question: metric, target and window
   * @param version the revision whose workload is queried, placed as {@code target}
   * @return the metric's own variables plus {@code namespace}, {@code target}, {@code canary},
   *     {@code primary} and {@code interval}
   */
  public static Map<String, String> variables(MetricQuery query, String version) {
    return variables(query.metric(), query.target(), version, query.window());
  }

  /**
   * The variables of {@code metric} on {@code target} for {@code version}'s workload over {@code window}.
   *
   * @param metric the metric check, whose own variables come first
   * @param target the rollout's target, giving the namespace and workload names
   * @param version the workload queried, placed as {@code target}
   * @param window the analysis window, placed as {@code interval} in PromQL duration form
   * @return the metric's own variables plus {@code namespace}, {@code target}, {@code canary},
   *     {@code primary} and {@code interval}
   */
  public static Map<String, String> variables(MetricCheck metric, Target target, String version, Duration window) {
    Map<String, String> values = new LinkedHashMap<>(metric.variables());
    values.put("namespace", target.namespace());
    values.put("target", Objects.requireNonNull(version, "version"));
    values.put("canary", target.canary());
    values.put("primary", target.primary());
    values.put("interval", PromDurations.promQl(window));
    return values;
  }

  @Override
  public String toString() {
    return "PromQlTemplate[" + text + "]";
  }
}
