/**
 * The anytime-valid sequential judge: {@link dev.canary4j.judge.sequential.SequentialJudge} tests the
 * canary's error or slow-request rate against the primary's at every tick, carrying its evidence as an
 * immutable {@link dev.canary4j.judge.sequential.SequentialEvidence} value.
 */
package dev.canary4j.judge.sequential;
