/** Prometheus HTTP API metric source for canary4j. */
package dev.canary4j.prometheus;
