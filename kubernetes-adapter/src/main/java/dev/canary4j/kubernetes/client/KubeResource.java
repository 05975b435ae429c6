package dev.canary4j.kubernetes.client;

import java.util.Objects;

/**
 * A namespaced Kubernetes resource type: API group, version and plural name.
 *
 * @param group API group, empty for the core group
 * @param version API version, e.g. {@code v1}
 * @param plural resource name in URLs, e.g. {@code configmaps}
 * @param kind the objects' kind, e.g. {@code ConfigMap}
 */
public record KubeResource(String group, String version, String plural, String kind) {

  /** Core {@code v1} ConfigMaps. */
  public static final KubeResource CONFIG_MAPS = new KubeResource("", "v1", "configmaps", "ConfigMap");
  /** Core {@code v1} Secrets. */
  public static final KubeResource SECRETS = new KubeResource("", "v1", "secrets", "Secret");
  /** {@code apps/v1} Deployments. */
  public static final KubeResource DEPLOYMENTS = new KubeResource("apps", "v1", "deployments", "Deployment");
  /** {@code coordination.k8s.io/v1} Leases. */
  public static final KubeResource LEASES = new KubeResource("coordination.k8s.io", "v1", "leases", "Lease");

  /**
   * Checks that no part is {@code null}.
   *
   * @param group the API group, empty for the core group
   * @param version the API version
   * @param plural the resource name in URLs
   * @param kind the objects' kind
   */
  public KubeResource {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(plural, "plural");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * {@code group/version}, or {@code version} for the core group.
   *
   * @return the value of the objects' {@code apiVersion} field, e.g. {@code apps/v1} or {@code v1}
   */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * This resource type in another version of its group.
   *
   * @param otherVersion the version to use, e.g. {@code v1beta1}
   * @return the same group, plural and kind in {@code otherVersion}
   */
  public KubeResource withVersion(String otherVersion) {
    return new KubeResource(group, otherVersion, plural, kind);
  }

  /**
   * The discovery path of this resource's group version, e.g. {@code /apis/apps/v1}.
   *
   * @return the path, starting with {@code /api} or {@code /apis}
   */
  public String groupVersionPath() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /**
   * The collection path in {@code namespace}, or of a cluster-scoped resource when it is {@code null}.
   *
   * @param namespace the namespace, or {@code null}
   * @return the URL path of the collection, e.g. {@code /api/v1/namespaces/x/configmaps}
   */
  public String collectionPath(String namespace) {
    return namespace == null ? groupVersionPath() + "/" + plural : groupVersionPath() + "/namespaces/" + namespace + "/" + plural;
  }

  /**
   * The path of object {@code name} in {@code namespace}.
   *
   * @param namespace the object's namespace
   * @param name the object's name
   * @return the URL path of the object, e.g. {@code /apis/apps/v1/namespaces/x/deployments/y}
   */
  public String objectPath(String namespace, String name) {
    return collectionPath(namespace) + "/" + name;
  }
}
