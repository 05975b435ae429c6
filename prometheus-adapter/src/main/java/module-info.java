/** canary4j's Prometheus adapter: a MetricSource over the Prometheus HTTP API. */
// resilience4j's jars carry only an Automatic-Module-Name; PrometheusConfig and PrometheusClient
// take and return its retry and circuit breaker types, so it is required transitively.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.canary4j.prometheus {
  requires transitive dev.canary4j.core;
  requires transitive okhttp3; // PrometheusConfig takes an HttpUrl
  requires transitive io.github.resilience4j.retry;
  requires transitive io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.core;
  requires com.fasterxml.jackson.core;

  exports dev.canary4j.prometheus;
}
