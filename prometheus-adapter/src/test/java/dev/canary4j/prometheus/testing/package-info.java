/**
 * Test fixtures shipped in the module's test-jar: Istio-shaped traffic written as OpenMetrics text,
 * and a real Prometheus server started over it on 127.0.0.1.
 */
package dev.canary4j.prometheus.testing;
