package dev.canary4j.judge.sequential;

/** Where the sequential test stands. */
public enum SequentialDecision {
  /** Not enough evidence either way yet. */
  CONTINUE,
  /** The canary is worse than allowed: the evidence against it crossed 1/alpha. Final. */
  FAIL,
  /** The confidence sequence rules out the allowed degradation. It stays so unless the canary later fails. */
  PASS
}
