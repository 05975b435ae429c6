/**
 * The Kayenta-compatible Mann-Whitney judge: {@link dev.canary4j.judge.mannwhitney.MannWhitneyJudge}
 * classifies one metric with an exact {@link dev.canary4j.judge.mannwhitney.HodgesLehmann} interval,
 * and {@link dev.canary4j.judge.mannwhitney.CanaryScorer} scores a canary across metric groups.
 */
package dev.canary4j.judge.mannwhitney;
