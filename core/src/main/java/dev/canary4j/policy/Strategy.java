package dev.canary4j.policy;

/** How traffic reaches the canary during analysis: progressive canary, blue/green, or A/B testing. */
public sealed interface Strategy permits CanaryStrategy, BlueGreenStrategy, AbTestingStrategy {

  /** Mirroring of primary traffic to the canary, or {@code null} when none. */
  Mirror mirror();

  void check(Violations v, String path);
}
