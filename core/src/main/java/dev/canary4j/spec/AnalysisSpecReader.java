package dev.canary4j.spec;

import dev.canary4j.internal.spec.SpecNode;
import dev.canary4j.policy.Analysis;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.LimitAction;
import dev.canary4j.policy.LimitKind;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.policy.Scoring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@code analysis}: the interval, the look interval, the metrics, the limits and the score. */
final class AnalysisSpecReader {

  static final List<String> FIELDS = List.of("interval", "lookInterval", "metrics", "limits", "score");
  static final List<String> SCORE_FIELDS = List.of("pass", "marginal", "groupWeights", "onMarginal");
  static final List<String> METRIC_FIELDS = List.of("name", "query", "min", "max", "maxIncrease",
      "maxDecrease", "interval", "onNoData", "minRequests", "minSamples", "critical", "variables", "judge");
  static final List<String> LIMIT_MAPPING_FIELDS = List.of("count", "action");
  static final List<String> LIMIT_FIELDS = Arrays.stream(LimitKind.values()).map(LimitKind::specName).toList();
  private static final Map<String, NoDataPolicy> NO_DATA = choices(NoDataPolicy.values());
  private static final Map<String, LimitAction> ACTIONS = choices(LimitAction.values());

  private AnalysisSpecReader() {}

  /** The analysis, or {@code null} for the defaults when none is given. */
  static Analysis read(SpecNode node) {
    if (!node.isMapping(FIELDS)) {
      return null;
    }
    List<MetricCheck> metrics = new ArrayList<>();
    for (SpecNode item : node.get("metrics").items()) {
      metrics.add(metric(item));
    }
    return new Analysis(node.get("interval").duration(), metrics, limits(node.get("limits")), scoring(node.get("score")),
        node.get("lookInterval").duration());
  }

  /** {@code {pass: 95, marginal: 75, groupWeights: {latency: 60}, onMarginal: inconclusive}}, each optional. */
  private static Scoring scoring(SpecNode node) {
    if (!node.isMapping(SCORE_FIELDS)) {
      // A score that is written but unreadable is already reported; standing in with the defaults
      // keeps the model from also claiming that no score is set.
      return node.isAbsent() ? null : Scoring.of(Scoring.DEFAULT_PASS, Scoring.DEFAULT_MARGINAL);
    }
    Double pass = node.get("pass").number();
    Double marginal = node.get("marginal").number();
    Map<String, Double> weights = new LinkedHashMap<>();
    SpecNode groupWeights = node.get("groupWeights");
    if (groupWeights.isMapping()) {
      for (String group : groupWeights.keys()) {
        SpecNode weight = groupWeights.get(group);
        if (weight.isAbsent()) {
          weight.missing();
        } else {
          Double w = weight.number();
          if (w != null) {
            weights.put(group, w);
          }
        }
      }
    } else if (!groupWeights.isAbsent()) {
      groupWeights.fail("must be a mapping of group names to weights in percent");
    }
    return new Scoring(pass == null ? Scoring.DEFAULT_PASS : pass, marginal == null ? Scoring.DEFAULT_MARGINAL : marginal,
        weights, node.get("onMarginal").choice(NO_DATA));
  }

  private static MetricCheck metric(SpecNode node) {
    if (!node.isMapping(METRIC_FIELDS)) {
      return null;
    }
    Long minRequests = node.get("minRequests").longInteger();
    Integer minSamples = node.get("minSamples").integer();
    Boolean critical = node.get("critical").bool();
    return new MetricCheck(node.get("name").text(), node.get("query").text(), standIn(node.get("min"), node.get("min").number()),
        standIn(node.get("max"), node.get("max").number()), standIn(node.get("maxIncrease"), node.get("maxIncrease").percent()),
        standIn(node.get("maxDecrease"), node.get("maxDecrease").percent()),
        node.get("interval").duration(), node.get("onNoData").choice(NO_DATA),
        minRequests == null ? 0 : minRequests, minSamples == null ? 0 : minSamples,
        critical != null && critical, node.get("variables").textMap(), JudgeSpecReader.read(node.get("judge")));
  }

  /**
   * {@code value}, or NaN when the field is written but could not be read: the reader has reported it,
   * and the model, seeing a threshold rather than none, does not add that the metric sets no threshold.
   */
  private static Double standIn(SpecNode node, Double value) {
    return value == null && !node.isAbsent() ? Double.valueOf(Double.NaN) : value;
  }

  private static Limits limits(SpecNode node) {
    if (!node.isMapping(LIMIT_FIELDS)) {
      return null;
    }
    return new Limits(limit(node, LimitKind.FAILURE, Limits.DEFAULT_FAILURE.action()),
        limit(node, LimitKind.CONSECUTIVE_FAILURE, LimitAction.ROLLBACK),
        limit(node, LimitKind.INCONCLUSIVE, Limits.DEFAULT_INCONCLUSIVE.action()),
        limit(node, LimitKind.ERROR, Limits.DEFAULT_ERROR.action()));
  }

  private static Limit limit(SpecNode limits, LimitKind kind, LimitAction defaultAction) {
    return limit(limits.get(kind.specName()), defaultAction);
  }

  /** {@code 5} (with the limit's default action) or {@code {count: 5, action: pause}}. */
  private static Limit limit(SpecNode node, LimitAction defaultAction) {
    if (node.isAbsent()) {
      return null;
    }
    if (node.isScalar()) {
      node.findings().alias(node.path() + ".count", node.path());
      Integer count = node.integer();
      return count == null ? null : new Limit(count, defaultAction);
    }
    if (!node.isMapping()) {
      node.fail("must be a count such as 5, or a mapping of count and action");
      return null;
    }
    node.isMapping(LIMIT_MAPPING_FIELDS);
    LimitAction action = node.get("action").choice(ACTIONS);
    return new Limit(StrategySpecReader.requiredInt(node.get("count")), action == null ? defaultAction : action);
  }

  /** Enum constants by their lowercase names, as policy files write them. */
  static <E extends Enum<E>> Map<String, E> choices(E[] values) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E e : values) {
      map.put(e.name().toLowerCase(Locale.ROOT), e);
    }
    return map;
  }
}
