/**
 * canary4j's Kubernetes adapter: the API client (kubeconfig, in-cluster config, watches), the
 * ConfigMap state store, Lease leader election, Deployment workloads, the configuration
 * fingerprint, Events, and an operator's commands and status.
 */
module dev.canary4j.kubernetes {
  requires transitive dev.canary4j.core;
  requires transitive okhttp3; // the client's settings take OkHttp types
  requires transitive com.fasterxml.jackson.databind; // objects are read and written as JSON trees
  requires com.fasterxml.jackson.dataformat.yaml;

  exports dev.canary4j.kubernetes;
  exports dev.canary4j.kubernetes.client;
}
