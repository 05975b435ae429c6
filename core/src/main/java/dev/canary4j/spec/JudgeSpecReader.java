package dev.canary4j.spec;

import dev.canary4j.internal.spec.SpecNode;
import dev.canary4j.judge.mannwhitney.Direction;
import dev.canary4j.judge.mannwhitney.EffectSizeMeasure;
import dev.canary4j.judge.mannwhitney.MannWhitneyConfig;
import dev.canary4j.judge.mannwhitney.NanStrategy;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.policy.JudgeConfig;
import dev.canary4j.policy.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads a metric's {@code judge}: a mapping whose {@code type} names a statistical judge and whose
 * other fields configure it.
 *
 * <p>Each judge's reader checks its fields with {@code node.isMapping(...)}, reads each with the
 * typed reads of {@link SpecNode} and feeds the configuration's builder; the builder's validation
 * stays the one place the judge's rules live, and its violations are reported under the metric's
 * {@code judge} path.
 */
final class JudgeSpecReader {

  /** Readers of each judge's fields, by the judge's name in policy files. */
  static final Map<String, Function<SpecNode, JudgeConfig>> JUDGES = Map.of(
      MannWhitneyConfig.JUDGE_NAME, JudgeSpecReader::mannWhitney,
      SequentialConfig.JUDGE_NAME, JudgeSpecReader::sequential);

  static final List<String> MANN_WHITNEY_FIELDS = List.of("type", "direction", "nanStrategy", "outliers",
      "critical", "mustHaveData", "effectSize", "tolerance", "confidenceLevel", "groups");
  static final List<String> OUTLIER_FIELDS = List.of("factor");
  static final List<String> EFFECT_SIZE_FIELDS = List.of("measure", "allowedIncrease", "allowedDecrease",
      "criticalIncrease", "criticalDecrease");
  static final List<String> SEQUENTIAL_FIELDS = List.of("type", "alpha", "allowedDegradation",
      "latencyQuantile", "whileUndecided");
  static final List<String> ANY_JUDGE_FIELDS = java.util.stream.Stream.concat(MANN_WHITNEY_FIELDS.stream(),
      SEQUENTIAL_FIELDS.stream()).distinct().toList();

  private JudgeSpecReader() {}

  /**
   * The judge configured at {@code node}, or {@code null} when there is none. A judge that cannot be
   * read is reported here and stands in as {@link Unreadable}, so that the model does not also
   * complain that the metric has no judge.
   */
  static JudgeConfig read(SpecNode node) {
    if (node.isAbsent()) {
      return null;
    }
    String known = String.join(", ", JUDGES.keySet().stream().sorted().toList());
    // Each message lists the known judges so that a typo and a judge from a newer version read differently.
    if (!node.isMapping()) {
      node.fail("must be a mapping whose type names a statistical judge (known judges: " + known + ")");
      return new Unreadable(Set.of());
    }
    SpecNode type = node.get("type");
    String name = type.text();
    if (name == null) {
      if (type.isAbsent()) {
        type.findings().add(new Violation(type.path(),
            "is required: name a statistical judge (known judges: " + known + ")", null));
      }
      node.isMapping(ANY_JUDGE_FIELDS);
      return new Unreadable(groupsWritten(node));
    }
    Function<SpecNode, JudgeConfig> reader = JUDGES.get(name);
    if (reader == null) {
      type.fail("must name a known statistical judge (known judges: " + known + ")");
      // Without the judge, its fields cannot be checked; a field no judge knows is still reported.
      node.isMapping(ANY_JUDGE_FIELDS);
      return new Unreadable(groupsWritten(node));
    }
    return reader.apply(node);
  }

  private static JudgeConfig mannWhitney(SpecNode node) {
    node.isMapping(MANN_WHITNEY_FIELDS);
    MannWhitneyConfig.Builder b = MannWhitneyConfig.custom();
    Direction direction = node.get("direction").choice(choices(Direction.values(), Direction::kayentaName));
    if (direction != null) {
      b.direction(direction);
    }
    NanStrategy nan = node.get("nanStrategy").choice(choices(NanStrategy.values(), NanStrategy::kayentaName));
    if (nan != null) {
      b.nanStrategy(nan);
    }
    SpecNode outliers = node.get("outliers");
    if (outliers.isMapping(OUTLIER_FIELDS)) {
      Double factor = outliers.get("factor").number();
      if (factor != null) {
        b.removeOutliers(factor);
      } else if (outliers.get("factor").isAbsent()) {
        outliers.get("factor").missing();
      }
    }
    Boolean critical = node.get("critical").bool();
    if (critical != null) {
      b.critical(critical);
    }
    Boolean mustHaveData = node.get("mustHaveData").bool();
    if (mustHaveData != null) {
      b.mustHaveData(mustHaveData);
    }
    SpecNode effect = node.get("effectSize");
    if (effect.isMapping(EFFECT_SIZE_FIELDS)) {
      EffectSizeMeasure measure = effect.get("measure").choice(choices(EffectSizeMeasure.values(),
          EffectSizeMeasure::kayentaName));
      measure = measure == null ? EffectSizeMeasure.MEAN_RATIO : measure;
      // An omitted threshold means "no change" on the chosen measure: every significant change counts.
      double neutral = measure.neutral();
      b.effectSize(measure, or(effect.get("allowedDecrease").number(), neutral),
          or(effect.get("allowedIncrease").number(), neutral));
      b.criticalEffectSize(or(effect.get("criticalDecrease").number(), neutral),
          or(effect.get("criticalIncrease").number(), neutral));
    }
    Double tolerance = node.get("tolerance").number();
    if (tolerance != null) {
      b.tolerance(tolerance);
    }
    Double confidence = node.get("confidenceLevel").number();
    if (confidence != null) {
      b.confidenceLevel(confidence);
    }
    List<String> groups = new ArrayList<>();
    for (SpecNode group : node.get("groups").items()) {
      String name = group.text();
      if (name != null) {
        groups.add(name);
      } else if (group.isAbsent()) {
        group.missing();
      }
    }
    b.groups(groups);
    Set<String> named = groups.stream().filter(g -> !g.isBlank()).collect(Collectors.toSet());
    return built(node, MannWhitneyConfig.JUDGE_NAME, b::build, named);
  }

  private static JudgeConfig sequential(SpecNode node) {
    node.isMapping(SEQUENTIAL_FIELDS);
    SequentialConfig.Builder b = SequentialConfig.custom();
    Double alpha = node.get("alpha").number();
    if (alpha != null) {
      b.alpha(alpha);
    }
    SpecNode degradation = node.get("allowedDegradation");
    Double fraction = degradation.isScalar() && degradation.text() != null && degradation.text().strip().endsWith("%")
        ? divide(degradation.percent(), 100) : degradation.number();
    if (fraction != null) {
      b.allowedDegradation(fraction);
    }
    Double quantile = node.get("latencyQuantile").number();
    if (quantile != null) {
      b.latencyQuantile(quantile);
    }
    SequentialConfig.WhileUndecided undecided = node.get("whileUndecided")
        .choice(AnalysisSpecReader.choices(SequentialConfig.WhileUndecided.values()));
    if (undecided != null) {
      b.whileUndecided(undecided);
    }
    return built(node, SequentialConfig.JUDGE_NAME, b::build, Set.of());
  }

  /** The group names written under an unreadable judge, so that the score's checks still know them. */
  private static Set<String> groupsWritten(SpecNode node) {
    Set<String> names = new java.util.TreeSet<>();
    for (SpecNode g : node.get("groups").items()) {
      String name = g.isScalar() ? g.text() : null;
      if (name != null && !name.isBlank()) {
        names.add(name);
      }
    }
    return names;
  }

  /** The built configuration, or {@link Unreadable} after reporting the builder's violations under {@code node}. */
  private static JudgeConfig built(SpecNode node, String judgeName, Supplier<JudgeConfig> build, Set<String> groups) {
    try {
      return build.get();
    } catch (InvalidPolicyException e) {
      for (Violation v : e.violations()) {
        String path = v.path().startsWith(judgeName) ? node.path() + v.path().substring(judgeName.length()) : v.path();
        if (!node.findings().reportedAt(path)) { // the reader already said what was wrong with the value
          node.findings().add(new Violation(path, v.message(), v.found()));
        }
      }
      return new Unreadable(groups);
    }
  }

  private static <E> Map<String, E> choices(E[] values, Function<E, String> name) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E e : values) {
      map.put(name.apply(e), e);
    }
    return map;
  }

  private static double or(Double value, double otherwise) {
    return value == null ? otherwise : value;
  }

  private static Double divide(Double value, double by) {
    return value == null ? null : value / by;
  }

  /**
   * Stands in for a judge already reported as unreadable; the reader throws before a policy holds one.
   * It counts as scored, with the groups that could be read, so that the score's checks do not add
   * complaints that only follow from the judge being unreadable.
   */
  private record Unreadable(Set<String> groups) implements JudgeConfig {
    @Override
    public boolean scored() {
      return true;
    }

    @Override
    public String judgeName() {
      return "unreadable";
    }

    @Override
    public List<Violation> violations(String path) {
      return List.of();
    }
  }
}
