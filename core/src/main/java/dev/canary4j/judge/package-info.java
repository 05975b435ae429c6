/**
 * Judges: pure functions that turn measurements of the canary and the primary into {@link
 * dev.canary4j.judge.Verdict verdicts}. No I/O, no clock, no randomness.
 */
package dev.canary4j.judge;
