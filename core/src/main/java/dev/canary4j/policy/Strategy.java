package dev.canary4j.policy;

/** How traffic reaches the canary during analysis: progressive canary, blue/green, or A/B testing. */
public sealed interface Strategy permits CanaryStrategy, BlueGreenStrategy, AbTestingStrategy {

  /**
   * Mirroring of primary traffic to the canary, or {@code null} when none.
   *
   * @return the mirror settings, or {@code null}
   */
  Mirror mirror();

  /**
   * Adds a violation to {@code v} for each invalid field, its path under {@code path}.
   *
   * @param v the violations of the policy being validated
   * @param path the strategy's path in the policy, e.g. {@code strategy.canary}
   */
  @SuppressWarnings("exports") // Violations is package-private: only the policy package can call this.
  void check(Violations v, String path);
}
