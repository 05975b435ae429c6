package dev.canary4j.cli.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file of another tool being translated into a canary4j policy: the policy's fields as a tree, the
 * warnings (each naming the source field and what changes), and the problems that stop the translation.
 */
public final class Translation {

  private final Map<String, Object> policy = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  /**
   * The policy's fields, in the order they are written.
   *
   * @return the fields by name, ready to be written as YAML; incomplete when there are problems
   */
  public Map<String, Object> policy() {
    return policy;
  }

  /**
   * Each warning: {@code path: what changes}.
   *
   * @return the warnings in the order found; empty when the translation is faithful
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Each problem: {@code path: what is wrong}; a translation with problems has no usable policy.
   *
   * @return the problems in the order found; empty when the policy is usable
   */
  public List<String> problems() {
    return problems;
  }

  void warn(String path, String message) {
    warnings.add(path + ": " + message);
  }

  void problem(String path, String message) {
    problems.add(path + ": " + message);
  }
}
