package dev.canary4j.spec;

import dev.canary4j.policy.JudgeConfig;
import dev.canary4j.policy.Violation;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a metric's {@code judge}: a mapping whose {@code type} names a statistical judge and whose
 * other fields configure it.
 *
 * <p>The judges are added to {@link #JUDGES} as their configuration classes land; until then every
 * {@code judge} entry is rejected with the list of known judges, so that a policy never silently
 * falls back to thresholds. A judge's entry maps its name to a function that checks its fields with
 * {@code node.isMapping(List.of("type", ...))}, reads each with the typed reads of {@link SpecNode}
 * and calls the configuration's constructor; the configuration's own {@code violations(path)} stays
 * the one place its rules live.
 */
final class JudgeSpecReader {

  /** Readers of each judge's fields, by the judge's name in policy files. */
  private static final Map<String, Function<SpecNode, JudgeConfig>> JUDGES = Map.of();

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
    String known = JUDGES.isEmpty() ? "none yet" : String.join(", ", JUDGES.keySet().stream().sorted().toList());
    // Each message lists the known judges so that a typo and a judge from a newer version read differently.
    if (!node.isMapping()) {
      node.fail("must be a mapping whose type names a statistical judge (known judges: " + known + ")");
      return new Unreadable();
    }
    SpecNode type = node.get("type");
    String name = type.text();
    if (name == null) {
      if (type.isAbsent()) {
        type.findings().add(new Violation(type.path(),
            "is required: name a statistical judge (known judges: " + known + ")", null));
      }
      return new Unreadable();
    }
    Function<SpecNode, JudgeConfig> reader = JUDGES.get(name);
    if (reader == null) {
      type.fail("must name a known statistical judge (known judges: " + known + ")");
      return new Unreadable();
    }
    return reader.apply(node);
  }

  /** Stands in for a judge already reported as unreadable; the reader throws before a policy holds one. */
  private record Unreadable() implements JudgeConfig {
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
