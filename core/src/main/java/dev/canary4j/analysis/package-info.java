/**
 * Judging what a metric source observed: {@link dev.canary4j.analysis.MetricJudges} picks each metric's
 * judge and hands it the observation's values, series or request counts, with thresholds beside a
 * statistical judge as a guard rail. Kept apart from the judges, which take samples and know nothing
 * of the SPI.
 */
package dev.canary4j.analysis;
