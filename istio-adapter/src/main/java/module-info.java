/**
 * canary4j's Istio adapter: a Kubernetes API client, the Istio traffic router, the configuration
 * fingerprint, a ConfigMap state store and Lease leader election.
 */
module dev.canary4j.istio {
  requires transitive dev.canary4j.core;
  requires transitive okhttp3; // KubeConfig returns an HttpUrl
  requires com.fasterxml.jackson.core;
  requires transitive com.fasterxml.jackson.databind; // KubeClient reads and writes ObjectNodes
  requires com.fasterxml.jackson.dataformat.yaml;

  exports dev.canary4j.istio;
  exports dev.canary4j.istio.kube;
}
