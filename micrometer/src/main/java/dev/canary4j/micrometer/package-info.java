/** Optional Micrometer metrics of the canary4j runner: {@link dev.canary4j.micrometer.CanaryMetrics}. */
package dev.canary4j.micrometer;
