package dev.canary4j.internal.spec;

import dev.canary4j.policy.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reading a document found wrong, and how the model's paths map to the document's keys where
 * they differ (a match's {@code name} is written {@code header} or {@code cookie}).
 */
public final class Findings {

  /** The path reported for problems with the document as a whole. */
  public static final String DOCUMENT = "(document)";

  private final List<Violation> violations = new ArrayList<>();
  /**
   * The findings that stand for the model's view of their field (all but duplicate keys): the ones a
   * model violation may restate. Kept apart so that thousands of duplicate keys cost no search.
   */
  private final Set<String> standing = new HashSet<>();
  /** Every path that encloses a standing finding (the finding's own path included). */
  private final Set<String> enclosingStanding = new HashSet<>();
  private final Map<String, String> specPaths = new LinkedHashMap<>();

  public void add(Violation violation) {
    violations.add(violation);
    // Paths and their enclosing paths go into sets, so that checking a document with thousands of
    // findings stays linear in their number.
    if (standing.add(violation.path())) {
      String path = violation.path();
      for (int i = 0; i < path.length(); i++) {
        if (path.charAt(i) == '.' || path.charAt(i) == '[') {
          enclosingStanding.add(path.substring(0, i));
        }
      }
      enclosingStanding.add(path);
    }
  }

  /**
   * A finding that does not stand for the model's view of the field: a duplicate key, whose first
   * value the model checks as usual.
   */
  public void addBeside(Violation violation) {
    violations.add(violation);
  }

  /**
   * Whether the reader reported {@code path} or a field inside it, duplicate keys aside: a model
   * complaint there would only restate it.
   */
  public boolean reportedAt(String path) {
    return enclosingStanding.contains(path);
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
      if (!enclosedByStanding(renamed.path())) {
        all.add(renamed);
      }
    }
    return all;
  }

  /** Whether a standing finding's path is {@code path} or encloses it. */
  private boolean enclosedByStanding(String path) {
    for (int i = 0; i < path.length(); i++) {
      if ((path.charAt(i) == '.' || path.charAt(i) == '[') && standing.contains(path.substring(0, i))) {
        return true;
      }
    }
    return standing.contains(path);
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
