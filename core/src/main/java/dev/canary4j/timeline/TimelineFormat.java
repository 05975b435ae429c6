package dev.canary4j.timeline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the timeline format ({@code docs/timeline.md}, schema {@link #schema()}): a
 * {@link RolloutTimeline} as one JSON document, a {@link TimelineEntry} as one line of a decision
 * log. Reading checks the input against the schema first and reports every violation with its line
 * and field path. Thread-safe.
 */
public final class TimelineFormat {

  /** The format's version, written in every document and decision log line. */
  public static final int VERSION = 1;

  private static final String SCHEMA_RESOURCE = "timeline.schema.json";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final String SCHEMA_TEXT = loadSchema();
  private static final SchemaSubset SCHEMA = new SchemaSubset(parse(SCHEMA_TEXT));

  private TimelineFormat() {}

  /**
   * {@code timeline} as an indented JSON document ending in a newline.
   *
   * @param timeline the timeline to write
   * @return the JSON document
   */
  public static String write(RolloutTimeline timeline) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(timeline) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the timeline as JSON", e); // plain records: a bug
    }
  }

  /**
   * Writes {@code timeline} to {@code file}, replacing it.
   *
   * @param timeline the timeline to write
   * @param file the file to write, in UTF-8
   * @throws java.io.IOException if {@code file} cannot be written
   */
  public static void write(RolloutTimeline timeline, Path file) throws IOException {
    Files.writeString(file, write(timeline), StandardCharsets.UTF_8);
  }

  /**
   * {@code entry} as one line of JSON, without the newline, for a decision log.
   *
   * @param entry the entry to write
   * @return the JSON line
   */
  public static String line(TimelineEntry entry) {
    try {
      return MAPPER.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the timeline entry as JSON", e);
    }
  }

  /**
   * The timeline in {@code text}: a timeline document, or a decision log (one entry per line) of a
   * single canary.
   *
   * @param text a timeline document or a decision log of one canary
   * @return the timeline
   * @throws TimelineFormatException naming every violation of the schema, with its line and field
   */
  public static RolloutTimeline read(String text) {
    return read(text, null);
  }

  /**
   * The timeline in {@code text}; for a decision log, the entries of {@code canary}, which may be
   * {@code null} when the log holds one canary only.
   *
   * @param text a timeline document or a decision log
   * @param canary the canary whose entries to read from a log, or {@code null}
   * @return the timeline
   * @throws TimelineFormatException naming every violation of the schema, or the canaries to choose from
   */
  public static RolloutTimeline read(String text, String canary) {
    JsonNode document = asDocument(text);
    if (document != null) {
      List<String> problems = SCHEMA.check(document, "#", "");
      if (!problems.isEmpty()) {
        throw new TimelineFormatException(problems);
      }
      return bind(document, RolloutTimeline.class, "");
    }
    Map<String, List<TimelineEntry>> byCanary = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String at = "line " + (i + 1) + ": ";
      JsonNode node;
      try {
        node = MAPPER.readTree(lines[i]);
      } catch (JacksonException e) {
        problems.add(at + "not JSON (" + e.getOriginalMessage() + ")");
        continue;
      }
      List<String> found = SCHEMA.check(node, "#/$defs/entry", "");
      if (!node.has("canary")) {
        found.add("canary: is required on a line of a decision log");
      }
      if (!found.isEmpty()) {
        found.forEach(p -> problems.add(at + p));
        continue;
      }
      TimelineEntry entry = bind(node, TimelineEntry.class, at);
      byCanary.computeIfAbsent(entry.canary(), c -> new ArrayList<>()).add(entry);
    }
    if (!problems.isEmpty()) {
      throw new TimelineFormatException(problems);
    }
    if (byCanary.isEmpty()) {
      throw new TimelineFormatException(List.of("(the document): expected a timeline or a decision log, but it is empty"));
    }
    String chosen = canary;
    if (chosen == null && byCanary.size() > 1) {
      throw new TimelineFormatException(List.of("(the document): the decision log holds the canaries "
          + String.join(", ", byCanary.keySet()) + "; name the one to read"));
    }
    if (chosen == null) {
      chosen = byCanary.keySet().iterator().next();
    }
    List<TimelineEntry> entries = byCanary.get(chosen);
    if (entries == null) {
      throw new TimelineFormatException(List.of("(the document): the decision log holds no canary " + chosen
          + " (it holds " + String.join(", ", byCanary.keySet()) + ")"));
    }
    return RolloutTimeline.of(RolloutTimeline.DECISION_LOG, chosen, null, null, entries);
  }

  /**
   * The timeline in {@code file}; see {@link #read(String, String)}.
   *
   * @param file a timeline document or a decision log, in UTF-8
   * @param canary the canary whose entries to read from a log, or {@code null}
   * @return the timeline
   * @throws java.io.IOException if {@code file} cannot be read
   */
  public static RolloutTimeline read(Path file, String canary) throws IOException {
    try {
      return read(Files.readString(file, StandardCharsets.UTF_8), canary);
    } catch (TimelineFormatException e) {
      throw new TimelineFormatException(file.toString(), e.problems());
    }
  }

  /**
   * Every violation of the schema in {@code text}, a timeline document or a decision log; empty when
   * it conforms.
   *
   * @param text a timeline document or a decision log
   * @return each violation with its line and field, in document order
   */
  public static List<String> check(String text) {
    try {
      read(text, null);
      return List.of();
    } catch (TimelineFormatException e) {
      return e.problems().stream().filter(p -> !p.contains("name the one to read")).toList();
    }
  }

  /**
   * The JSON Schema of the format, as shipped in {@code dev/canary4j/timeline/timeline.schema.json}.
   *
   * @return the schema as JSON text
   */
  public static String schema() {
    return SCHEMA_TEXT;
  }

  private static JsonNode asDocument(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node != null && node.isObject() && node.has("ticks") ? node : null;
    } catch (JacksonException e) {
      return null; // several lines: a decision log
    }
  }

  private static <T> T bind(JsonNode node, Class<T> type, String at) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new TimelineFormatException(List.of(at + e.getMessage()));
    }
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalStateException("The shipped timeline schema is not JSON", e);
    }
  }

  private static String loadSchema() {
    try (InputStream in = TimelineFormat.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The timeline schema " + SCHEMA_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
