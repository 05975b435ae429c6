package dev.canary4j.policy;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One metric of the analysis and how its values are judged.
 *
 * <p>A metric is a built-in ({@value #REQUEST_SUCCESS_RATE} in percent, {@value #REQUEST_DURATION} as
 * p99 in milliseconds) or a query template whose {@code {{ variable }}} placeholders name {@link
 * #TEMPLATE_VARIABLES} or keys of {@code variables}. Thresholds are absolute ({@code min},
 * {@code max}) and/or relative to the primary's value ({@code maxIncrease}, {@code maxDecrease} in
 * percent of the primary). A {@code judge} replaces thresholds with a statistical comparison.
 *
 * @param name unique metric name
 * @param query query template, or {@code null} for a built-in metric
 * @param min the canary's value must be at least this, or {@code null}
 * @param max the canary's value must be at most this, or {@code null}
 * @param maxIncrease allowed increase over the primary, in percent of the primary's value, or {@code null}
 * @param maxDecrease allowed decrease below the primary, in percent of the primary's value, or {@code null}
 * @param interval query window, or {@code null} for the analysis interval
 * @param onNoData what a {@code NO_DATA} verdict does
 * @param minRequests fewer requests than this behind a value make it {@code NO_DATA}
 * @param minSamples fewer samples than this behind a value make it {@code NO_DATA}
 * @param critical a failing critical metric rolls back at once, whatever the limits
 * @param variables user variables for the query template
 * @param judge a statistical judge, or {@code null} for thresholds
 */
public record MetricCheck(String name, String query, Double min, Double max, Double maxIncrease,
    Double maxDecrease, Duration interval, NoDataPolicy onNoData, long minRequests, int minSamples,
    boolean critical, Map<String, String> variables, JudgeConfig judge) {

  /** Built-in: percentage of non-5xx responses over the window. */
  public static final String REQUEST_SUCCESS_RATE = "request-success-rate";
  /** Built-in: 99th percentile of request duration in milliseconds over the window. */
  public static final String REQUEST_DURATION = "request-duration";
  /** Template variables every query may use, besides its own {@code variables}. */
  public static final Set<String> TEMPLATE_VARIABLES = Set.of("namespace", "target", "canary", "primary", "interval");

  /**
   * Makes a {@code null} no-data policy inconclusive and copies the variables; the policy's validation checks
   * the rest.
   *
   * @param name unique metric name
   * @param query query template, or {@code null} for a built-in metric
   * @param min the lowest passing value, or {@code null}
   * @param max the highest passing value, or {@code null}
   * @param maxIncrease allowed increase over the primary in percent, or {@code null}
   * @param maxDecrease allowed decrease below the primary in percent, or {@code null}
   * @param interval query window, or {@code null} for the analysis interval
   * @param onNoData what a {@code NO_DATA} verdict does, or {@code null} for inconclusive
   * @param minRequests fewer requests than this behind a value make it {@code NO_DATA}
   * @param minSamples fewer samples than this behind a value make it {@code NO_DATA}
   * @param critical whether a failure rolls back at once
   * @param variables user variables for the query template, or {@code null}
   * @param judge a statistical judge, or {@code null} for thresholds
   */
  public MetricCheck {
    onNoData = onNoData == null ? NoDataPolicy.INCONCLUSIVE : onNoData;
    variables = Violations.copy(variables);
  }

  /**
   * A built-in or template metric with no thresholds yet; add them with the {@code with*} methods.
   *
   * @param name the metric's name; a built-in's name makes it that built-in
   * @return a check without query, thresholds or judge
   */
  public static MetricCheck named(String name) {
    return new MetricCheck(name, null, null, null, null, null, null, null, 0, 0, false, null, null);
  }

  /**
   * The built-in success rate, failing below {@code minPercent}.
   *
   * @param minPercent the lowest passing success rate, in percent
   * @return the check
   */
  public static MetricCheck successRate(double minPercent) {
    return named(REQUEST_SUCCESS_RATE).withMin(minPercent);
  }

  /**
   * The built-in p99 latency, failing above {@code maxMillis}.
   *
   * @param maxMillis the highest passing p99, in milliseconds
   * @return the check
   */
  public static MetricCheck latencyP99(double maxMillis) {
    return named(REQUEST_DURATION).withMax(maxMillis);
  }

  /**
   * This check with the query template {@code query}.
   *
   * @param query a query template with <code>{{ variable }}</code> placeholders
   * @return a new check; this one is unchanged
   */
  public MetricCheck withQuery(String query) {
    return with(c -> c.query = query);
  }

  /**
   * This check with the lowest passing value {@code min}, or none.
   *
   * @param min the lowest passing value, or {@code null}
   * @return a new check; this one is unchanged
   */
  public MetricCheck withMin(Double min) {
    return with(c -> c.min = min);
  }

  /**
   * This check with the highest passing value {@code max}, or none.
   *
   * @param max the highest passing value, or {@code null}
   * @return a new check; this one is unchanged
   */
  public MetricCheck withMax(Double max) {
    return with(c -> c.max = max);
  }

  /**
   * This check allowing the canary at most {@code percent} % above the primary, or no such limit.
   *
   * @param percent the allowed increase in percent of the primary's value, or {@code null}
   * @return a new check; this one is unchanged
   */
  public MetricCheck withMaxIncrease(Double percent) {
    return with(c -> c.maxIncrease = percent);
  }

  /**
   * This check allowing the canary at most {@code percent} % below the primary, or no such limit.
   *
   * @param percent the allowed decrease in percent of the primary's value, or {@code null}
   * @return a new check; this one is unchanged
   */
  public MetricCheck withMaxDecrease(Double percent) {
    return with(c -> c.maxDecrease = percent);
  }

  /**
   * This check querying a window of {@code interval}, or the analysis interval for {@code null}.
   *
   * @param interval the query window, or {@code null}
   * @return a new check; this one is unchanged
   */
  public MetricCheck withInterval(Duration interval) {
    return with(c -> c.interval = interval);
  }

  /**
   * This check treating missing data as {@code onNoData} says.
   *
   * @param onNoData fail, hold (inconclusive) or ignore
   * @return a new check; this one is unchanged
   */
  public MetricCheck withOnNoData(NoDataPolicy onNoData) {
    return with(c -> c.onNoData = onNoData);
  }

  /**
   * This check needing {@code minRequests} requests behind a value before judging it.
   *
   * @param minRequests the fewest requests, 0 for no minimum
   * @return a new check; this one is unchanged
   */
  public MetricCheck withMinRequests(long minRequests) {
    return with(c -> c.minRequests = minRequests);
  }

  /**
   * This check needing {@code minSamples} samples per version before judging them.
   *
   * @param minSamples the fewest samples, 0 for no minimum
   * @return a new check; this one is unchanged
   */
  public MetricCheck withMinSamples(int minSamples) {
    return with(c -> c.minSamples = minSamples);
  }

  /**
   * This check, rolling back at once on failure when {@code critical}.
   *
   * @param critical {@code true} to roll back at once on failure
   * @return a new check; this one is unchanged
   */
  public MetricCheck withCritical(boolean critical) {
    return with(c -> c.critical = critical);
  }

  /**
   * This check with the user template variables {@code variables}.
   *
   * @param variables the variables by name, replacing any set before
   * @return a new check; this one is unchanged
   */
  public MetricCheck withVariables(Map<String, String> variables) {
    return with(c -> c.variables = variables);
  }

  /**
   * This check judged by {@code judge} instead of its thresholds, or by its thresholds for {@code null}.
   *
   * @param judge the judge's configuration, or {@code null}
   * @return a new check; this one is unchanged
   */
  public MetricCheck withJudge(JudgeConfig judge) {
    return with(c -> c.judge = judge);
  }

  // Each withX names the one field it sets; a new component is added in Copy alone, not in a
  // thirteen-argument constructor call per method, where two Doubles side by side are easily swapped.
  private MetricCheck with(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** A mutable copy of a check, changed by {@link #with} and built into a new check. */
  private static final class Copy {
    String name;
    String query;
    Double min;
    Double max;
    Double maxIncrease;
    Double maxDecrease;
    Duration interval;
    NoDataPolicy onNoData;
    long minRequests;
    int minSamples;
    boolean critical;
    Map<String, String> variables;
    JudgeConfig judge;

    Copy(MetricCheck m) {
      name = m.name;
      query = m.query;
      min = m.min;
      max = m.max;
      maxIncrease = m.maxIncrease;
      maxDecrease = m.maxDecrease;
      interval = m.interval;
      onNoData = m.onNoData;
      minRequests = m.minRequests;
      minSamples = m.minSamples;
      critical = m.critical;
      variables = m.variables;
      judge = m.judge;
    }

    MetricCheck build() {
      return new MetricCheck(name, query, min, max, maxIncrease, maxDecrease, interval, onNoData, minRequests,
          minSamples, critical, variables, judge);
    }
  }

  /**
   * Whether this is one of the built-in Istio metrics.
   *
   * @return {@code true} for {@value #REQUEST_SUCCESS_RATE} and {@value #REQUEST_DURATION} without a query
   */
  public boolean isBuiltIn() {
    return query == null && (REQUEST_SUCCESS_RATE.equals(name) || REQUEST_DURATION.equals(name));
  }

  /**
   * The window to query: this metric's interval, or else {@code analysisInterval}.
   *
   * @param analysisInterval the analysis interval
   * @return the window, never {@code null} when {@code analysisInterval} is not
   */
  public Duration windowOr(Duration analysisInterval) {
    return interval == null ? analysisInterval : interval;
  }

  /**
   * The placeholder names the query template uses, in order of first use: everything from
   * {@code {{} to the next {@code }}}, stripped, as the metric sources read a template. The scan
   * reads the template once, however many unclosed <code>&#123;&#123;</code> it holds.
   *
   * @return the names, each once; empty for a built-in metric
   */
  public Set<String> templateVariablesUsed() {
    Set<String> used = new LinkedHashSet<>();
    if (query == null) {
      return used;
    }
    int from = 0;
    while (true) {
      int open = query.indexOf("{{", from);
      int close = open < 0 ? -1 : query.indexOf("}}", open + 2);
      if (close < 0) {
        return used;
      }
      used.add(query.substring(open + 2, close).strip());
      from = close + 2;
    }
  }

  void check(Violations v, String path) {
    if (name == null || name.isBlank()) {
      v.missing(path + ".name");
    } else if (query == null && !isBuiltIn()) {
      v.add(path + ".query", "is required for a metric that is not built in ("
          + REQUEST_SUCCESS_RATE + ", " + REQUEST_DURATION + ")", null);
    }
    if (query != null) {
      if (query.isBlank()) {
        v.add(path + ".query", "must not be blank", "''");
      }
      Set<String> known = new TreeSet<>(TEMPLATE_VARIABLES);
      known.addAll(variables.keySet());
      for (String used : templateVariablesUsed()) {
        if (!known.contains(used)) {
          v.add(path + ".query", "of metric '" + name + "' uses the unknown template variable '" + used + "' (known: "
              + String.join(", ", known) + ")", query);
        }
      }
    }
    for (String key : variables.keySet()) {
      if (TEMPLATE_VARIABLES.contains(key)) {
        v.add(path + ".variables." + key, "must not redefine a built-in template variable", key);
      } else if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        v.add(path + ".variables." + key, "must be a name of letters, digits and '_'", key);
      }
    }
    checkFinite(v, path + ".min", min);
    checkFinite(v, path + ".max", max);
    if (min != null && max != null && Double.isFinite(min) && Double.isFinite(max) && max <= min) {
      v.add(path + ".max", "must be greater than min (" + min + ")", max);
    }
    checkPercent(v, path + ".maxIncrease", maxIncrease, Double.MAX_VALUE);
    checkPercent(v, path + ".maxDecrease", maxDecrease, 100.0);
    if (judge == null && min == null && max == null && maxIncrease == null && maxDecrease == null) {
      v.add(path, "must set at least one of min, max, maxIncrease, maxDecrease or a judge", null);
    }
    if (judge != null) {
      judge.violations(path + ".judge").forEach(x -> v.add(x.path(), x.message(), x.found()));
    }
    v.requireDuration(interval, path + ".interval");
    v.requireNonNegative(minRequests, path + ".minRequests");
    v.requireNonNegative(minSamples, path + ".minSamples");
  }

  private static void checkFinite(Violations v, String path, Double value) {
    if (value != null && !Double.isFinite(value)) {
      v.add(path, "must be a finite number", value);
    }
  }

  private static void checkPercent(Violations v, String path, Double value, double upper) {
    if (value != null && (!(value >= 0) || value > upper)) {
      v.add(path, upper == 100.0 ? "must be between 0% and 100%" : "must be finite and not negative", value + "%");
    }
  }
}
