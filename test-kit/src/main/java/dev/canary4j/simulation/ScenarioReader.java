package dev.canary4j.simulation;

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
import dev.canary4j.Command;
import dev.canary4j.Readiness;
import dev.canary4j.policy.Violation;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a simulation {@link Scenario} from YAML (JSON is YAML too); the format is described in
 * {@code docs/simulation.md}. Unknown fields, duplicate keys and values of the wrong type are errors;
 * every problem is reported at once in a {@link ScenarioException}, each with its path or line and
 * column. Thread-safe.
 */
public final class ScenarioReader {

  private static final List<String> FIELDS = List.of("name", "seed", "ticks", "start", "primaryRevision", "traffic",
      "metrics", "revisions", "gates", "commands", "readiness");
  private static final List<String> TRAFFIC_FIELDS = List.of("requestsPerSecond", "loadTestRequestsPerSecond",
      "primary", "canary");
  private static final List<String> BEHAVIOUR_FIELDS = List.of("errorRate", "latencyMedianMs", "latencySpread",
      "latencyPerWeightMs");
  private static final List<String> METRIC_FIELDS = List.of("canary", "primary", "requests");
  private static final JsonFactory YAML = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
  private static final Map<String, Command> COMMANDS = commands();
  private static final Map<String, String> WORKLOADS = new java.util.TreeMap<>(Map.of("canary", "canary",
      "primary", "primary"));
  private static final Map<String, Readiness.Status> READINESS = new java.util.TreeMap<>(Map.of(
      "ready", Readiness.Status.READY, "not-ready", Readiness.Status.NOT_READY, "never-ready", Readiness.Status.NEVER_READY));

  private ScenarioReader() {}

  /**
   * The scenario written in {@code yaml}.
   *
   * @param yaml a scenario in the format of {@code docs/simulation.md}
   * @return the scenario; a {@link ScenarioException} lists every problem instead
   */
  public static Scenario fromYaml(String yaml) {
    try {
      return read(yaml == null ? "" : yaml, null);
    } catch (IOException e) {
      throw new IllegalStateException("A StringReader does not fail", e);
    }
  }

  /**
   * The scenario in {@code file}; messages name the file.
   *
   * @param file a YAML scenario file in the format of {@code docs/simulation.md}
   * @return the scenario; a {@link ScenarioException} lists every problem instead
   * @throws java.io.IOException if {@code file} cannot be read
   */
  public static Scenario read(Path file) throws IOException {
    SpecText.Decoded decoded = SpecText.readUtf8(file);
    if (decoded.problem() != null) {
      throw new ScenarioException(file.toString(), List.of(decoded.problem()));
    }
    return read(decoded.text(), file.toString());
  }

  private static Scenario read(String text, String source) throws IOException {
    Violation size = SpecText.sizeOf(text);
    if (size != null) {
      throw new ScenarioException(source, List.of(size));
    }
    Violation disallowed = SpecText.disallowedCharacter(text);
    if (disallowed != null) {
      throw new ScenarioException(source, List.of(disallowed));
    }
    Reader reader = new StringReader(text);
    Findings findings = new Findings();
    SpecTree root;
    JsonParser parser = YAML.createParser(reader);
    // Closed after the catch, which reads where the parser stopped.
    try {
      root = SpecTreeParser.parse(parser, findings, "scenario");
    } catch (JacksonException e) {
      throw new ScenarioException(source, List.of(SpecText.malformed("YAML", e, parser)));
    } finally {
      parser.close();
    }
    if (!(root instanceof SpecTree.Mapping)) {
      throw new ScenarioException(source, List.of(new Violation("(document)", "must be a mapping of "
          + String.join(", ", FIELDS), root == null ? "an empty document" : SpecNode.describe(root))));
    }
    SpecNode node = new SpecNode(root, "", findings);
    Scenario scenario = scenario(node);
    if (!findings.isEmpty() || scenario == null) {
      throw new ScenarioException(source, findings.violations());
    }
    return scenario;
  }

  private static Scenario scenario(SpecNode node) {
    node.isMapping(FIELDS);
    String name = node.get("name").text();
    Long seed = node.get("seed").longInteger();
    SpecNode ticksNode = node.get("ticks");
    Integer ticks = ticksNode.integer();
    if (ticksNode.isAbsent()) {
      ticksNode.missing();
    }
    Instant start = instant(node.get("start"));
    String primaryRevision = node.get("primaryRevision").text();
    TrafficModel traffic = traffic(node.get("traffic"));
    Map<String, MetricScript> metrics = metrics(node.get("metrics"));
    List<Scenario.RevisionChange> revisions = new ArrayList<>();
    for (SpecNode r : node.get("revisions").items()) {
      if (r.isMapping(List.of("tick", "revision"))) {
        Integer tick = required(r.get("tick"), r.get("tick")::integer);
        String revision = required(r.get("revision"), r.get("revision")::text);
        if (tick != null && revision != null) {
          revisions.add(new Scenario.RevisionChange(tick, revision));
        }
      }
    }
    List<Scenario.GateAnswer> gates = new ArrayList<>();
    for (SpecNode g : node.get("gates").items()) {
      if (g.isMapping(List.of("tick", "gate", "open", "message"))) {
        Integer tick = required(g.get("tick"), g.get("tick")::integer);
        String gate = required(g.get("gate"), g.get("gate")::text);
        Boolean open = required(g.get("open"), g.get("open")::bool);
        String message = g.get("message").text();
        if (tick != null && gate != null && open != null) {
          gates.add(new Scenario.GateAnswer(tick, gate, open, message));
        }
      }
    }
    List<Scenario.ManualCommand> commands = new ArrayList<>();
    for (SpecNode c : node.get("commands").items()) {
      if (c.isMapping(List.of("tick", "command", "reason"))) {
        Integer tick = required(c.get("tick"), c.get("tick")::integer);
        Command command = required(c.get("command"), () -> c.get("command").choice(COMMANDS));
        String reason = c.get("reason").text();
        if (tick != null && command != null) {
          commands.add(new Scenario.ManualCommand(tick, command, reason));
        }
      }
    }
    List<Scenario.ReadinessChange> readiness = new ArrayList<>();
    for (SpecNode r : node.get("readiness").items()) {
      if (r.isMapping(List.of("tick", "workload", "status", "reason"))) {
        Integer tick = required(r.get("tick"), r.get("tick")::integer);
        String workload = r.get("workload").isAbsent() ? "canary" : r.get("workload").choice(WORKLOADS);
        Readiness.Status status = required(r.get("status"), () -> r.get("status").choice(READINESS));
        String reason = r.get("reason").text();
        if (tick != null && workload != null && status != null) {
          readiness.add(new Scenario.ReadinessChange(tick, workload, new Readiness(status,
              reason == null ? "scripted " + status.name().toLowerCase(Locale.ROOT).replace('_', ' ') : reason)));
        }
      }
    }
    // Only when neither is written: a traffic or metrics that is written but wrong is reported as such.
    SpecNode metricsNode = node.get("metrics");
    boolean noScripts = metricsNode.isAbsent() || metricsNode.isMapping() && metricsNode.keys().isEmpty();
    if (node.get("traffic").isAbsent() && noScripts) {
      node.findings().add(new Violation("traffic", "is required unless metrics gives scripted values", null));
    }
    // Without a readable tick count the model still checks the rest; its complaint about the count
    // itself is left out, since the reader reported it.
    Scenario scenario = construct(node, "", () -> new Scenario(name, seed == null ? 0 : seed, ticks == null ? 0 : ticks,
        start, primaryRevision, metrics, traffic, revisions, gates, commands, readiness));
    return ticks == null ? null : scenario;
  }

  private static TrafficModel traffic(SpecNode node) {
    if (!node.isMapping(TRAFFIC_FIELDS)) {
      return null;
    }
    Double rps = required(node.get("requestsPerSecond"), node.get("requestsPerSecond")::number);
    Double loadTest = node.get("loadTestRequestsPerSecond").number();
    TrafficModel.Behaviour primary = behaviour(node.get("primary"));
    TrafficModel.Behaviour canary = behaviour(node.get("canary"));
    // With a part already reported, stand-ins let the model still check the others.
    TrafficModel.Behaviour standIn = TrafficModel.Behaviour.of(0, 1);
    TrafficModel model = construct(node, node.path(), () -> new TrafficModel(rps == null ? 1 : rps,
        loadTest == null ? 0 : loadTest, primary == null ? standIn : primary, canary == null ? standIn : canary));
    return rps == null || primary == null || canary == null ? null : model;
  }

  private static TrafficModel.Behaviour behaviour(SpecNode node) {
    if (node.isAbsent()) {
      node.missing();
      return null;
    }
    if (!node.isMapping(BEHAVIOUR_FIELDS)) {
      return null;
    }
    Double errors = node.get("errorRate").percent();
    Double median = required(node.get("latencyMedianMs"), node.get("latencyMedianMs")::number);
    Double spread = node.get("latencySpread").number();
    Double perWeight = node.get("latencyPerWeightMs").number();
    TrafficModel.Behaviour b = construct(node, node.path(), () -> new TrafficModel.Behaviour(errors == null ? 0 : errors,
        median == null ? 1 : median, spread == null ? 0.3 : spread, perWeight == null ? 0 : perWeight));
    return median == null ? null : b;
  }

  private static Map<String, MetricScript> metrics(SpecNode node) {
    Map<String, MetricScript> scripts = new LinkedHashMap<>();
    if (node.isAbsent()) {
      return scripts;
    }
    if (!node.isMapping()) {
      node.fail("must be a mapping of metric names to scripted values");
      return scripts;
    }
    for (String name : node.keys()) {
      SpecNode m = node.get(name);
      if (name.isBlank()) {
        m.findings().add(new Violation(node.path() + ".'" + name + "'", "must be a metric name, not blank", null));
        continue;
      }
      if (!m.isMapping(METRIC_FIELDS)) {
        if (m.isAbsent()) {
          m.fail("must be a mapping of " + String.join(", ", METRIC_FIELDS));
        }
        continue;
      }
      if (m.get("canary").isAbsent()) {
        m.get("canary").missing();
        continue;
      }
      int before = m.findings().violations().size();
      List<MetricScript.Sample> canary = samples(m.get("canary"));
      List<MetricScript.Sample> primary = samples(m.get("primary"));
      Long requests = m.get("requests").longInteger();
      // The script's own checks run even after a reader finding; what they would restate is left out.
      MetricScript script = construct(m, m.path(), () -> new MetricScript(canary, primary, requests == null ? 1000 : requests));
      if (script != null && m.findings().violations().size() == before) {
        scripts.put(name, script);
      }
    }
    return scripts;
  }

  private static List<MetricScript.Sample> samples(SpecNode node) {
    List<MetricScript.Sample> samples = new ArrayList<>();
    for (SpecNode item : node.items()) {
      if (item.isAbsent()) {
        samples.add(MetricScript.Sample.noData());
      } else if (item.isScalar() && "error".equalsIgnoreCase(item.text())) {
        samples.add(MetricScript.Sample.providerError());
      } else {
        Double value = item.number(); // Records a violation when it is not a number.
        if (value != null) {
          samples.add(MetricScript.Sample.of(value));
        }
      }
    }
    return samples;
  }

  private static Instant instant(SpecNode node) {
    String text = node.text();
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      node.fail("must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
      return null;
    }
  }

  private static <T> T required(SpecNode node, Supplier<T> read) {
    if (node.isAbsent()) {
      node.missing();
      return null;
    }
    return read.get();
  }

  /** Builds a model value, turning its {@code field: rule} complaints into violations under {@code path}. */
  private static <T> T construct(SpecNode node, String path, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      for (String problem : String.valueOf(e.getMessage()).split("; ")) {
        int colon = problem.indexOf(": ");
        String field = colon < 0 ? "" : problem.substring(0, colon);
        String rule = colon < 0 ? problem : problem.substring(colon + 2);
        String full = path.isEmpty() ? field : field.isEmpty() ? path : path + "." + field;
        if (node.findings().reportedAt(full)) {
          continue; // the reader already reported this field; the model only saw what it left
        }
        int butWas = rule.lastIndexOf(", but was ");
        String found = butWas < 0 ? null : rule.substring(butWas + ", but was ".length());
        node.findings().add(new Violation(full.isEmpty() ? "(document)" : full,
            butWas < 0 ? rule : rule.substring(0, butWas), found));
      }
      return null;
    }
  }

  private static Map<String, Command> commands() {
    Map<String, Command> m = new LinkedHashMap<>();
    for (Command c : Command.values()) {
      m.put(c.name().toLowerCase(Locale.ROOT), c);
    }
    return m;
  }
}
