package dev.canary4j.kubernetes.testing;

/** The parts of an API path: {@code /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME]}. */
record ApiPath(String group, String version, String namespace, String plural, String name) {

  /**
   * The parts of {@code path}, or {@code null} when it is not a collection or object; a cluster-scoped
   * path ({@code /apis/GROUP/VERSION/PLURAL[/NAME]}) has a {@code null} namespace.
   */
  static ApiPath parse(String path) {
    String[] p = path.split("/");
    int base;
    String group;
    if (p.length >= 4 && p[1].equals("api")) {
      base = 3;
      group = "";
    } else if (p.length >= 5 && p[1].equals("apis")) {
      base = 4;
      group = p[2];
    } else {
      return null;
    }
    if (!p[base].equals("namespaces")) {
      return p.length > base + 2 ? null : new ApiPath(group, p[base - 1], null, p[base], p.length == base + 2 ? p[base + 1] : null);
    }
    if (p.length < base + 3 || p.length > base + 4) {
      return null;
    }
    return new ApiPath(group, p[base - 1], p[base + 1], p[base + 2], p.length == base + 4 ? p[base + 3] : null);
  }

  /** The discovery path of the group version: {@code /api/v1} or {@code /apis/GROUP/VERSION}. */
  String groupVersion() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /** {@code v1} or {@code GROUP/VERSION}. */
  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The collection's path. */
  String collection() {
    return namespace == null ? groupVersion() + "/" + plural : groupVersion() + "/namespaces/" + namespace + "/" + plural;
  }

  /** The resource as the server names it in messages: {@code PLURAL} or {@code PLURAL.GROUP}. */
  String resource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }
}
