/**
 * The HTML report of a rollout: {@link dev.canary4j.report.TimelineReport} turns a timeline into one
 * self-contained page with inline SVG charts.
 */
package dev.canary4j.report;
