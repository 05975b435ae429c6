package dev.canary4j.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.canary4j.judge.mannwhitney.Direction;
import dev.canary4j.judge.mannwhitney.EffectSizeMeasure;
import dev.canary4j.judge.mannwhitney.NanStrategy;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.LimitAction;
import dev.canary4j.policy.NoDataPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A JSON Schema (draft-07) of the policy file, for editors (yaml-language-server) and other tools.
 *
 * <p>The properties of each object are the field lists the policy reader itself accepts, and the
 * choices are the model's enums, so the schema follows the reader. Each field's type comes from one
 * table here; a field the reader accepts but the table lacks fails {@link #json()} with its path,
 * so a new field cannot be forgotten. The schema checks shapes and ranges; rules that relate fields
 * to each other (max greater than min) remain the reader's.
 */
public final class PolicySchema {

  /** The schema's {@code $id}. */
  public static final String ID = "https://canary4j.dev/schema/policy.json";
  private static final String DURATION = "^(0|[+-]?P.+|[+-]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)$";
  private static final String PERCENT = "^\\s*-?\\d+(\\.\\d+)?\\s*%$";

  private PolicySchema() {}

  /**
   * The schema as indented JSON.
   *
   * @return the JSON Schema of the policy format, as text
   */
  public static String json() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of maps and lists always serialises", e);
    }
  }

  /**
   * The schema as a tree of maps, lists, strings, numbers and booleans.
   *
   * @return the JSON Schema of the policy format, as nested maps and lists
   */
  public static Map<String, Object> tree() {
    Map<String, Object> root = object("policy", PolicyReader.FIELDS, Map.of(
        "target", PolicySchema::target,
        "strategy", f -> strategy(),
        "analysis", f -> analysis(),
        "gates", f -> array(gate()),
        "promotion", f -> object("promotion", PolicyReader.PROMOTION_FIELDS, Map.of("stepWeight", f2 -> integer(1, 100))),
        "progressDeadline", f -> duration()));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "http://json-schema.org/draft-07/schema#");
    schema.put("$id", ID);
    schema.put("title", "canary4j policy");
    schema.putAll(root);
    schema.put("required", List.of("target", "strategy"));
    return schema;
  }

  private static Map<String, Object> target(String field) {
    Map<String, Object> name = new LinkedHashMap<>();
    name.put("type", "string");
    name.put("pattern", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    name.put("maxLength", 253);
    Map<String, Object> target = object("target", PolicyReader.TARGET_FIELDS, Map.of(
        "namespace", f -> name, "name", f -> name, "primary", f -> name, "canary", f -> name));
    target.put("required", List.of("namespace", "name"));
    return target;
  }

  private static Map<String, Object> strategy() {
    Map<String, Object> mirror = object("mirror", StrategySpecReader.MIRROR_FIELDS, Map.of("percentage", f -> integer(1, 100)));
    Map<String, Object> match = object("match", StrategySpecReader.MATCH_FIELDS, Map.of(
        "header", f -> string(), "cookie", f -> string(), "exact", f -> string(), "prefix", f -> string(),
        "regex", f -> string()));
    Map<String, Object> strategy = object("strategy", StrategySpecReader.KINDS, Map.of(
        "canary", f -> object("canary", StrategySpecReader.CANARY_FIELDS, Map.of(
            "stepWeight", f2 -> integer(1, 100), "maxWeight", f2 -> integer(1, 100),
            "stepWeights", f2 -> array(integer(1, 100)), "mirror", f2 -> mirror)),
        "blueGreen", f -> required(object("blueGreen", StrategySpecReader.BLUE_GREEN_FIELDS, Map.of(
            "iterations", f2 -> integer(1, null), "mirror", f2 -> mirror)), "iterations"),
        "abTesting", f -> required(object("abTesting", StrategySpecReader.AB_TESTING_FIELDS, Map.of(
            "iterations", f2 -> integer(1, null), "match", f2 -> array(match))), "iterations", "match")));
    strategy.put("minProperties", 1);
    strategy.put("maxProperties", 1);
    return strategy;
  }

  private static Map<String, Object> analysis() {
    Map<String, Object> limit = new LinkedHashMap<>();
    limit.put("oneOf", List.of(integer(1, null), required(object("limit", AnalysisSpecReader.LIMIT_MAPPING_FIELDS, Map.of(
        "count", f -> integer(1, null), "action", f -> choice(LimitAction.values(), PolicySchema::lower))), "count")));
    Map<String, Function<String, Object>> limits = new LinkedHashMap<>();
    AnalysisSpecReader.LIMIT_FIELDS.forEach(name -> limits.put(name, f -> limit));
    return object("analysis", AnalysisSpecReader.FIELDS, Map.of(
        "interval", f -> duration(),
        "lookInterval", f -> duration(),
        "metrics", f -> array(metric()),
        "limits", f -> object("limits", AnalysisSpecReader.LIMIT_FIELDS, limits),
        "score", f -> object("score", AnalysisSpecReader.SCORE_FIELDS, Map.of(
            "pass", f2 -> number(0.0, 100.0), "marginal", f2 -> number(0.0, 100.0),
            "groupWeights", f2 -> mapOf(number(0.0, 100.0)),
            "onMarginal", f2 -> choice(NoDataPolicy.values(), PolicySchema::lower)))));
  }

  private static Map<String, Object> metric() {
    Map<String, Function<String, Object>> types = new LinkedHashMap<>();
    types.put("name", f -> string());
    types.put("query", f -> string());
    types.put("min", f -> number(null, null));
    types.put("max", f -> number(null, null));
    types.put("maxIncrease", f -> percent());
    types.put("maxDecrease", f -> percent());
    types.put("interval", f -> duration());
    types.put("onNoData", f -> choice(NoDataPolicy.values(), PolicySchema::lower));
    types.put("minRequests", f -> integer(0, null));
    types.put("minSamples", f -> integer(0, null));
    types.put("critical", f -> Map.of("type", "boolean"));
    types.put("variables", f -> mapOf(string()));
    types.put("judge", f -> judge());
    return required(object("metric", AnalysisSpecReader.METRIC_FIELDS, types), "name");
  }

  private static Map<String, Object> judge() {
    Map<String, Function<String, Object>> types = new LinkedHashMap<>();
    types.put("type", f -> Map.of("enum", List.copyOf(new TreeSet<>(JudgeSpecReader.JUDGES.keySet()))));
    types.put("direction", f -> choice(Direction.values(), Direction::kayentaName));
    types.put("nanStrategy", f -> choice(NanStrategy.values(), NanStrategy::kayentaName));
    types.put("outliers", f -> required(object("outliers", JudgeSpecReader.OUTLIER_FIELDS,
        Map.of("factor", f2 -> number(0.0, null))), "factor"));
    types.put("critical", f -> Map.of("type", "boolean"));
    types.put("mustHaveData", f -> Map.of("type", "boolean"));
    types.put("effectSize", f -> object("effectSize", JudgeSpecReader.EFFECT_SIZE_FIELDS, Map.of(
        "measure", f2 -> choice(EffectSizeMeasure.values(), EffectSizeMeasure::kayentaName),
        "allowedIncrease", f2 -> number(0.0, null), "allowedDecrease", f2 -> number(0.0, null),
        "criticalIncrease", f2 -> number(0.0, null), "criticalDecrease", f2 -> number(0.0, null))));
    types.put("tolerance", f -> number(0.0, null));
    types.put("confidenceLevel", f -> number(0.0, 1.0));
    types.put("groups", f -> array(string()));
    types.put("alpha", f -> number(0.0, 1.0));
    types.put("allowedDegradation", f -> percent());
    types.put("latencyQuantile", f -> number(0.0, 1.0));
    types.put("whileUndecided", f -> choice(SequentialConfig.WhileUndecided.values(), SequentialConfig.WhileUndecided::specName));
    types.put("exact", f -> Map.of("type", "boolean"));
    types.put("beta", f -> number(0.0, 1.0));
    types.put("detect", f -> Map.of("oneOf", List.of(number(1.0, null), Map.of("type", "string", "pattern", RATIO))));
    types.put("detectSlowdown", f -> percent());
    return required(object("judge", JudgeSpecReader.ANY_JUDGE_FIELDS, types), "type");
  }

  private static Map<String, Object> gate() {
    Map<String, Object> url = new LinkedHashMap<>();
    url.put("type", "string");
    url.put("pattern", "^https?://");
    return required(object("gate", GateSpecReader.FIELDS, Map.of(
        "name", f -> string(),
        "type", f -> choice(GateType.values(), GateType::specName),
        "url", f -> url,
        "timeout", f -> duration(),
        "onTimeout", f -> choice(GateSpec.TimeoutAction.values(), PolicySchema::lower),
        "retries", f -> integer(0, 10),
        "metadata", f -> mapOf(string()))), "name", "type");
  }

  /**
   * An object whose properties are exactly {@code fields}, each typed by {@code types}; a field
   * without a type is a schema that no longer follows the reader, and fails here.
   */
  private static Map<String, Object> object(String section, List<String> fields, Map<String, Function<String, Object>> types) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> untyped = new ArrayList<>();
    for (String field : fields) {
      Function<String, Object> type = types.get(field);
      if (type == null) {
        untyped.add(section + "." + field);
      } else {
        properties.put(field, type.apply(field));
      }
    }
    List<String> unread = types.keySet().stream().filter(k -> !fields.contains(k)).map(k -> section + "." + k).toList();
    if (!untyped.isEmpty() || !unread.isEmpty()) {
      throw new IllegalStateException("The policy schema does not follow the reader: fields without a schema type "
          + untyped + ", schema types of fields the reader does not accept " + unread);
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("type", "object");
    o.put("properties", properties);
    o.put("additionalProperties", false);
    return o;
  }

  private static Map<String, Object> required(Map<String, Object> object, String... fields) {
    object.put("required", Arrays.asList(fields));
    return object;
  }

  private static Map<String, Object> array(Object items) {
    return Map.of("type", "array", "items", items);
  }

  private static Map<String, Object> mapOf(Object values) {
    return Map.of("type", "object", "additionalProperties", values);
  }

  private static Map<String, Object> string() {
    return Map.of("type", "string");
  }

  private static Map<String, Object> duration() {
    return Map.of("type", "string", "pattern", DURATION);
  }

  /** A ratio as policy files write it: {@code 2x}. */
  private static final String RATIO = "^\\s*[0-9]+(\\.[0-9]+)?\\s*[xX]\\s*$";

  private static Map<String, Object> percent() {
    return Map.of("oneOf", List.of(number(0.0, null), Map.of("type", "string", "pattern", PERCENT)));
  }

  private static Map<String, Object> integer(Integer min, Integer max) {
    Map<String, Object> i = new LinkedHashMap<>();
    i.put("type", "integer");
    if (min != null) {
      i.put("minimum", min);
    }
    if (max != null) {
      i.put("maximum", max);
    }
    return i;
  }

  private static Map<String, Object> number(Double min, Double max) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("type", "number");
    if (min != null) {
      n.put("minimum", min);
    }
    if (max != null) {
      n.put("maximum", max);
    }
    return n;
  }

  private static <E> Map<String, Object> choice(E[] values, Function<E, String> name) {
    return Map.of("enum", Arrays.stream(values).map(name).toList());
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
