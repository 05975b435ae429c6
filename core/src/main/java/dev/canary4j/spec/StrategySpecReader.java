package dev.canary4j.spec;

import dev.canary4j.internal.spec.SpecNode;
import dev.canary4j.policy.AbTestingStrategy;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.Mirror;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.Strategy;
import dev.canary4j.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code strategy}: exactly one of {@code canary}, {@code blueGreen} or {@code abTesting}. */
final class StrategySpecReader {

  static final List<String> KINDS = List.of("canary", "blueGreen", "abTesting");
  static final List<String> CANARY_FIELDS = List.of("stepWeight", "maxWeight", "stepWeights", "mirror");
  static final List<String> BLUE_GREEN_FIELDS = List.of("iterations", "mirror");
  static final List<String> AB_TESTING_FIELDS = List.of("iterations", "match");
  static final List<String> MIRROR_FIELDS = List.of("percentage");
  static final List<String> MATCH_FIELDS = List.of("header", "cookie", "exact", "prefix", "regex");
  private static final Map<String, RequestMatch.Source> SOURCES =
      Map.of("header", RequestMatch.Source.HEADER, "cookie", RequestMatch.Source.COOKIE);
  private static final Map<String, RequestMatch.MatchType> MATCH_TYPES = Map.of(
      "exact", RequestMatch.MatchType.EXACT, "prefix", RequestMatch.MatchType.PREFIX, "regex", RequestMatch.MatchType.REGEX);

  private StrategySpecReader() {}

  /** The strategy, or {@code null} when none is given (the model reports it as required). */
  static Strategy read(SpecNode node) {
    if (!node.isMapping(KINDS)) {
      return null;
    }
    List<String> kinds = node.keys().stream().filter(KINDS::contains).toList();
    if (kinds.size() > 1) {
      node.findings().add(new Violation(node.path(), "must name exactly one of " + String.join(", ", KINDS),
          String.join(" and ", kinds)));
    }
    if (kinds.isEmpty()) {
      return null;
    }
    SpecNode spec = node.get(kinds.get(0));
    return switch (kinds.get(0)) {
      case "canary" -> canary(spec);
      case "blueGreen" -> blueGreen(spec);
      default -> abTesting(spec);
    };
  }

  private static CanaryStrategy canary(SpecNode node) {
    if (!node.isMapping(CANARY_FIELDS)) {
      return new CanaryStrategy(null, null, null, null);
    }
    List<Integer> steps = new ArrayList<>();
    for (SpecNode item : node.get("stepWeights").items()) {
      steps.add(item.integer());
    }
    return new CanaryStrategy(node.get("stepWeight").integer(), node.get("maxWeight").integer(), steps,
        mirror(node.get("mirror")));
  }

  private static BlueGreenStrategy blueGreen(SpecNode node) {
    if (!node.isMapping(BLUE_GREEN_FIELDS)) {
      return new BlueGreenStrategy(requiredInt(node.get("iterations")), null);
    }
    return new BlueGreenStrategy(requiredInt(node.get("iterations")), mirror(node.get("mirror")));
  }

  private static AbTestingStrategy abTesting(SpecNode node) {
    if (!node.isMapping(AB_TESTING_FIELDS)) {
      return new AbTestingStrategy(requiredInt(node.get("iterations")), List.of());
    }
    List<RequestMatch> matches = new ArrayList<>();
    for (SpecNode item : node.get("match").items()) {
      matches.add(match(item));
    }
    return new AbTestingStrategy(requiredInt(node.get("iterations")), matches);
  }

  private static Mirror mirror(SpecNode node) {
    return node.isMapping(MIRROR_FIELDS) ? new Mirror(requiredInt(node.get("percentage"))) : null;
  }

  /** One match: one of {@code header}/{@code cookie} naming it, one of {@code exact}/{@code prefix}/{@code regex}. */
  private static RequestMatch match(SpecNode node) {
    if (!node.isMapping(MATCH_FIELDS)) {
      return null;
    }
    String source = oneOf(node, List.of("header", "cookie"));
    String type = oneOf(node, List.of("exact", "prefix", "regex"));
    if (source != null) {
      node.findings().alias(node.path() + ".name", node.path() + "." + source);
    }
    if (type != null) {
      node.findings().alias(node.path() + ".value", node.path() + "." + type);
    }
    return new RequestMatch(source == null ? null : SOURCES.get(source), source == null ? null : node.get(source).text(),
        type == null ? null : MATCH_TYPES.get(type), type == null ? null : node.get(type).text());
  }

  private static String oneOf(SpecNode node, List<String> keys) {
    List<String> present = keys.stream().filter(k -> node.keys().contains(k)).toList();
    if (present.size() != 1) {
      node.findings().add(new Violation(node.path(), "must name exactly one of " + String.join(", ", keys),
          present.isEmpty() ? "none" : String.join(" and ", present)));
      return null;
    }
    return present.get(0);
  }

  /** A required integer: 0 stands in for a missing one so that the model's own check stays quiet. */
  static int requiredInt(SpecNode node) {
    if (node.isAbsent()) {
      node.missing();
      return 0;
    }
    Integer value = node.integer();
    return value == null ? 0 : value;
  }
}
