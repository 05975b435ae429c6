/** Implementation details of the Prometheus adapter (parsing, escaping, query text); free to change. */
package dev.canary4j.prometheus.internal;
