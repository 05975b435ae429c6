package dev.canary4j.kubernetes;

import java.util.List;

/**
 * A ConfigMap or Secret that a pod template uses.
 *
 * @param kind {@code ConfigMap} or {@code Secret}
 * @param name the object's name
 * @param optional whether every use is optional (a missing object is then not an error)
 * @param usedAt where the template uses it, e.g. {@code spec.template.spec.volumes[0].configMap}
 */
public record ConfigReference(String kind, String name, boolean optional, List<String> usedAt) {

  /**
   * Copies {@code usedAt}.
   *
   * @param kind {@code ConfigMap} or {@code Secret}
   * @param name the object's name
   * @param optional whether every use is optional
   * @param usedAt the template paths that use the object; not {@code null}
   */
  public ConfigReference {
    usedAt = List.copyOf(usedAt);
  }
}
