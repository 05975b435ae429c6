package dev.canary4j.internal.spec;

import dev.canary4j.policy.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What reading a document found wrong, and how the model's paths map to the document's keys where
 * they differ (a match's {@code name} is written {@code header} or {@code cookie}).
 */
public final class Findings {

  /** The path reported for problems with the document as a whole. */
  public static final String DOCUMENT = "(document)";

  private final List<Violation> violations = new ArrayList<>();
  /** Findings that say nothing about the value the model saw, so they leave its violations standing. */
  private final List<Violation> beside = new ArrayList<>();
  private final Map<String, String> specPaths = new LinkedHashMap<>();

  public void add(Violation violation) {
    violations.add(violation);
  }

  /**
   * A finding that does not stand for the model's view of the field: a duplicate key, whose first
   * value the model checks as usual.
   */
  public void addBeside(Violation violation) {
    violations.add(violation);
    beside.add(violation);
  }

  /**
   * Whether the reader reported {@code path} or a field inside it, duplicate keys aside: a model
   * complaint there would only restate it.
   */
  public boolean reportedAt(String path) {
    return violations.stream().filter(v -> !beside.contains(v)).anyMatch(v -> encloses(path, v.path()));
  }

  public List<Violation> violations() {
    return List.copyOf(violations);
  }

  public boolean isEmpty() {
    return violations.isEmpty();
  }

  /** Reports the model's violations at {@code modelPath} (and below) under {@code specPath}. */
  public void alias(String modelPath, String specPath) {
    specPaths.put(modelPath, specPath);
  }

  /**
   * The reader's violations followed by the model's, with the model's paths renamed to the document's
   * keys; a model violation is left out where the reader already reported the same field or one
   * enclosing it, because the model only saw the gap the reader left there.
   */
  public List<Violation> mergedWith(List<Violation> model) {
    List<Violation> all = new ArrayList<>(violations);
    for (Violation m : model) {
      Violation renamed = new Violation(specPath(m.path()), m.message(), m.found());
      if (violations.stream().filter(r -> !beside.contains(r)).noneMatch(r -> encloses(r.path(), renamed.path()))) {
        all.add(renamed);
      }
    }
    return all;
  }

  private String specPath(String modelPath) {
    for (Map.Entry<String, String> e : specPaths.entrySet()) {
      if (encloses(e.getKey(), modelPath)) {
        return e.getValue() + modelPath.substring(e.getKey().length());
      }
    }
    return modelPath;
  }

  private static boolean encloses(String outer, String inner) {
    return inner.equals(outer) || inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
  }
}
