package dev.canary4j.policy;

/** How traffic reaches the canary during analysis: progressive canary, blue/green, or A/B testing. */
public sealed interface Strategy permits CanaryStrategy, BlueGreenStrategy, AbTestingStrategy {

  /** Mirroring of primary traffic to the canary, or {@code null} when none. */
  Mirror mirror();

  /** Adds a violation to {@code v} for each invalid field, its path under {@code path}. */
  @SuppressWarnings("exports") // Violations is package-private: only the policy package can call this.
  void check(Violations v, String path);
}
