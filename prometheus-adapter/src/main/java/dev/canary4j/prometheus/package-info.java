/**
 * Prometheus HTTP API metric source for canary4j.
 *
 * <p>{@link dev.canary4j.prometheus.PrometheusConfig} says how to reach the API (path prefix, auth,
 * TLS, timeouts, the largest answer read); {@link dev.canary4j.prometheus.PrometheusClient} runs
 * instant and range queries; {@link dev.canary4j.prometheus.PrometheusMetricSource} implements core's
 * {@code MetricSource} with the built-in Istio metrics and escaped query templates, which
 * {@link dev.canary4j.prometheus.PromQlTemplate} offers to metric sources of one's own.
 *
 * <p>The client makes one attempt per query, within a call budget (8 s by default) that keeps it
 * inside the runner's time limit per attempt ({@code CallPolicy}, 10 s by default), and classifies
 * its failure; the runner's call policy owns the retries.
 */
package dev.canary4j.prometheus;
