package dev.canary4j.spec;

import dev.canary4j.internal.spec.Findings;
import dev.canary4j.internal.spec.SpecTreeParser;
import dev.canary4j.internal.spec.SpecTree;
import dev.canary4j.internal.spec.SpecText;
import dev.canary4j.internal.spec.SpecNode;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.canary4j.policy.Analysis;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.policy.Promotion;
import dev.canary4j.policy.Strategy;
import dev.canary4j.policy.Target;
import dev.canary4j.policy.Violation;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@link CanaryPolicy} from YAML or JSON; the format is described in {@code docs/policy.md}.
 *
 * <p>The reader only feeds the model's constructors, so the model's validation is the one set of
 * rules. The reader adds what only it can see: malformed text (with line and column), duplicate
 * keys, unknown fields, values of the wrong type. Everything found, by the reader and by the model,
 * is thrown together as one {@link InvalidPolicyException}; no other exception escapes for bad
 * input. Thread-safe.
 *
 * <p>Every input is answered in bounded time and memory: a document above 256 KiB is refused before
 * it is parsed, numbers and durations longer than 100 characters are refused unparsed, nesting is
 * limited to 64 levels, and duplicate keys and violations are collected in linear time. Control
 * characters in paths and values are escaped in messages, and quoted values are cut short.
 */
public final class PolicyReader {

  /** The path reported for problems with the document as a whole. */
  static final String DOCUMENT = Findings.DOCUMENT;
  static final List<String> FIELDS =
      List.of("target", "strategy", "analysis", "gates", "promotion", "progressDeadline");
  static final List<String> PROMOTION_FIELDS = List.of("stepWeight");
  static final List<String> TARGET_FIELDS = List.of("namespace", "name", "primary", "canary");
  // An empty plain value (`gates:`) is null, as YAML means it; a quoted '' stays an empty string.
  private static final JsonFactory YAML = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private PolicyReader() {}

  /**
   * The policy written in {@code yaml}.
   *
   * @param yaml the policy as YAML text
   * @return the validated policy
   * @throws InvalidPolicyException listing every problem found, each with its path or location
   */
  public static CanaryPolicy fromYaml(String yaml) {
    return fromText(YAML, "YAML", yaml, null);
  }

  /**
   * The policy written in {@code json}.
   *
   * @param json the policy as JSON text
   * @return the validated policy
   * @throws InvalidPolicyException listing every problem found, each with its path or location
   */
  public static CanaryPolicy fromJson(String json) {
    return fromText(JSON, "JSON", json, null);
  }

  /**
   * The policy read as YAML from {@code yaml}; {@code sourceName} (a file name, a URL) names it in messages.
   *
   * @param yaml the YAML text to read; the caller closes it
   * @param sourceName the name messages give the source, e.g. a file name
   * @return the validated policy
   * @throws InvalidPolicyException listing every problem found, each with its path or location
   * @throws IOException if {@code yaml} cannot be read
   */
  public static CanaryPolicy fromYaml(Reader yaml, String sourceName) throws IOException {
    return fromReader(YAML, "YAML", yaml, sourceName);
  }

  /**
   * The policy read as JSON from {@code json}; {@code sourceName} (a file name, a URL) names it in messages.
   *
   * @param json the JSON text to read; the caller closes it
   * @param sourceName the name messages give the source, e.g. a file name
   * @return the validated policy
   * @throws InvalidPolicyException listing every problem found, each with its path or location
   * @throws IOException if {@code json} cannot be read
   */
  public static CanaryPolicy fromJson(Reader json, String sourceName) throws IOException {
    return fromReader(JSON, "JSON", json, sourceName);
  }

  private static CanaryPolicy fromReader(JsonFactory factory, String format, Reader reader, String sourceName)
      throws IOException {
    if (reader == null) {
      return read(factory, format, null, sourceName);
    }
    String text = SpecText.readCapped(reader);
    if (text == null) {
      throw new InvalidPolicyException(sourceName, List.of(SpecText.tooLarge("more than " + SpecText.MAX_DOCUMENT_BYTES)));
    }
    return fromText(factory, format, text, sourceName);
  }

  /**
   * The policy in {@code file}, read as YAML when its name ends in {@code .yaml} or {@code .yml} and as
   * JSON when it ends in {@code .json}; messages name the file. The file must be UTF-8: a byte that
   * is not is reported as a violation with its line and column.
   *
   * @param file a {@code .yaml}, {@code .yml} or {@code .json} file in UTF-8
   * @return the validated policy
   * @throws InvalidPolicyException listing every problem found, each with its path or location
   * @throws IllegalArgumentException if the file name has none of those extensions
   * @throws IOException if the file cannot be read
   */
  public static CanaryPolicy read(Path file) throws IOException {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    if (!yaml && !name.endsWith(".json")) {
      throw new IllegalArgumentException(
          "Expected a policy file ending in .yaml, .yml or .json but was '" + file.getFileName() + "'");
    }
    SpecText.Decoded decoded = SpecText.readUtf8(file);
    if (decoded.problem() != null) {
      throw new InvalidPolicyException(file.toString(), List.of(decoded.problem()));
    }
    return fromText(yaml ? YAML : JSON, yaml ? "YAML" : "JSON", decoded.text(), file.toString());
  }

  private static CanaryPolicy fromText(JsonFactory factory, String format, String text, String sourceName) {
    if (text == null) {
      throw new InvalidPolicyException(sourceName, List.of(new Violation(DOCUMENT, "must be " + format + " text", "null")));
    }
    Violation size = SpecText.sizeOf(text);
    if (size != null) {
      throw new InvalidPolicyException(sourceName, List.of(size));
    }
    Violation disallowed = factory == YAML ? SpecText.disallowedCharacter(text) : null;
    if (disallowed != null) {
      throw new InvalidPolicyException(sourceName, List.of(disallowed));
    }
    try {
      return read(factory, format, new StringReader(text), sourceName);
    } catch (IOException e) {
      throw new IllegalStateException("A StringReader does not fail", e);
    }
  }

  private static CanaryPolicy read(JsonFactory factory, String format, Reader reader, String sourceName)
      throws IOException {
    if (reader == null) {
      throw new InvalidPolicyException(sourceName, List.of(new Violation(DOCUMENT, "must be " + format + " text", "null")));
    }
    Findings findings = new Findings();
    SpecTree root;
    JsonParser parser = factory.createParser(reader);
    // Closed after the catch, which reads where the parser stopped.
    try {
      root = SpecTreeParser.parse(parser, findings, "policy");
    } catch (JacksonException e) {
      throw new InvalidPolicyException(sourceName, List.of(SpecText.malformed(format, e, parser)));
    } finally {
      parser.close();
    }
    SpecNode node = new SpecNode(root, "", findings);
    if (!(root instanceof SpecTree.Mapping)) {
      String found = root == null ? "an empty document" : SpecNode.describe(root);
      findings.add(new Violation(DOCUMENT, "must be a mapping of " + String.join(", ", FIELDS), found));
      throw new InvalidPolicyException(sourceName, findings.violations());
    }
    return toPolicy(node, sourceName);
  }

  private static CanaryPolicy toPolicy(SpecNode node, String sourceName) {
    node.isMapping(FIELDS);
    // Read in the order the fields are documented, so that the reader's findings come out in that order.
    Target target = target(node.get("target"));
    Strategy strategy = StrategySpecReader.read(node.get("strategy"));
    Analysis analysis = AnalysisSpecReader.read(node.get("analysis"));
    List<GateSpec> gates = GateSpecReader.read(node.get("gates"));
    SpecNode promotion = node.get("promotion");
    Promotion promote = promotion.isMapping(PROMOTION_FIELDS) ? new Promotion(promotion.get("stepWeight").integer()) : null;
    Duration progressDeadline = node.get("progressDeadline").duration();
    CanaryPolicy policy;
    Findings findings = node.findings();
    try {
      policy = new CanaryPolicy(target, strategy, analysis, promote, gates, progressDeadline);
    } catch (InvalidPolicyException e) {
      throw new InvalidPolicyException(sourceName, findings.mergedWith(e.violations()));
    }
    if (!findings.isEmpty()) {
      throw new InvalidPolicyException(sourceName, findings.violations());
    }
    return policy;
  }

  private static Target target(SpecNode node) {
    if (!node.isMapping(TARGET_FIELDS)) {
      return null;
    }
    return new Target(node.get("namespace").text(), node.get("name").text(), node.get("primary").text(),
        node.get("canary").text());
  }
}
