/** canary4j's Prometheus adapter: a MetricSource over the Prometheus HTTP API. */
module dev.canary4j.prometheus {
  requires transitive dev.canary4j.core;
  requires transitive okhttp3; // PrometheusConfig takes an HttpUrl
  requires com.fasterxml.jackson.core;

  exports dev.canary4j.prometheus;
}
