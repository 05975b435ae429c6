package dev.canary4j.policy;

import java.util.List;

/** The analysis counters that {@link Limits} bound; each has the name it goes by in policy files. */
public enum LimitKind {
  /** Failed analysis ticks in total. */
  FAILURE("failureLimit"),
  /** Failed analysis ticks since the last passing one. */
  CONSECUTIVE_FAILURE("consecutiveFailureLimit"),
  /** Ticks held because a metric was inconclusive. */
  INCONCLUSIVE("inconclusiveLimit"),
  /** Ticks in which a metric provider failed. */
  ERROR("errorLimit");

  private static final List<LimitKind> ALL = List.of(values());

  private final String specName;

  LimitKind(String specName) {
    this.specName = specName;
  }

  /**
   * The name used in policy files, states and timelines, for example {@code failureLimit}.
   *
   * @return the spec name
   */
  public String specName() {
    return specName;
  }

  /**
   * The kind named {@code specName} in a policy file or a stored state.
   *
   * @param specName a spec name, for example {@code failureLimit}
   * @return the kind it names
   * @throws IllegalArgumentException when no kind has that name
   */
  public static LimitKind fromSpecName(String specName) {
    for (LimitKind k : ALL) {
      if (k.specName.equals(specName)) {
        return k;
      }
    }
    throw new IllegalArgumentException("Expected a limit (failureLimit, consecutiveFailureLimit, inconclusiveLimit, "
        + "errorLimit) but was '" + specName + "'");
  }
}
