package dev.canary4j.policy;

/**
 * The workload under canary analysis and the names of its primary and canary versions.
 *
 * <p>By default the canary is the target itself and the primary is {@code <name>-primary}, the
 * naming Flagger users know.
 *
 * @param namespace Kubernetes namespace (or any grouping the host uses)
 * @param name the target's name; also the canary's id in state stores and logs
 * @param primary name of the stable version's workload and destination
 * @param canary name of the new version's workload and destination
 */
public record Target(String namespace, String name, String primary, String canary) {

  /**
   * A target named {@code name} with the default primary and canary names.
   *
   * @param namespace Kubernetes namespace (or any grouping the host uses)
   * @param name the target's name
   * @return the target
   */
  public static Target of(String namespace, String name) {
    return new Target(namespace, name, null, null);
  }

  /**
   * Fills in the default primary ({@code <name>-primary}) and canary ({@code <name>}) names for {@code null}
   * ones.
   *
   * @param namespace Kubernetes namespace (or any grouping the host uses)
   * @param name the target's name
   * @param primary the primary's name, or {@code null} for the default
   * @param canary the canary's name, or {@code null} for the default
   */
  public Target {
    if (name != null) {
      primary = primary == null ? name + "-primary" : primary;
      canary = canary == null ? name : canary;
    }
  }

  /**
   * {@code namespace/name}, the canary's id.
   *
   * @return the id that state stores and logs use
   */
  public String id() {
    return namespace + "/" + name;
  }

  void check(Violations v, String path) {
    String dns = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    checkName(v, path + ".namespace", namespace, dns);
    checkName(v, path + ".name", name, dns);
    // primary and canary default from name; with a name that is missing or invalid, names derived
    // from it would only repeat that problem, so they are checked only when written out.
    boolean nameValid = name != null && name.length() <= 253 && name.matches(dns);
    if (nameValid || primary != null && !primary.equals(name + "-primary")) {
      checkName(v, path + ".primary", primary, dns);
    }
    if (nameValid || canary != null && !canary.equals(name)) {
      checkName(v, path + ".canary", canary, dns);
    }
    if (primary != null && primary.equals(canary)) {
      v.add(path + ".canary", "must differ from primary (" + primary + ")", canary);
    }
  }

  private static void checkName(Violations v, String path, String value, String pattern) {
    if (value == null || value.isBlank()) {
      v.missing(path);
    } else if (value.length() > 253 || !value.matches(pattern)) {
      v.add(path, "must be a lowercase DNS name ([a-z0-9-], at most 253 characters)", value);
    }
  }
}
