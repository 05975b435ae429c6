/**
 * Prometheus HTTP API metric source for canary4j.
 *
 * <p>{@link dev.canary4j.prometheus.PrometheusConfig} says how to reach the API (path prefix, auth,
 * TLS, timeouts, retry and circuit breaker); {@link dev.canary4j.prometheus.PrometheusClient} runs
 * instant and range queries; {@link dev.canary4j.prometheus.PrometheusMetricSource} implements core's
 * {@code MetricSource} with the built-in Istio metrics and escaped query templates.
 *
 * <p>The client retries transient failures within a call budget (8 s by default) that keeps one
 * query inside the runner's time limit per attempt ({@code CallPolicy}, 10 s by default); the
 * module's README says how the two layers of retries compose.
 */
package dev.canary4j.prometheus;
