package dev.canary4j.policy;

/** When a gate is consulted and what its answer does; the names follow Flagger's webhook types. */
public enum GateType {
  /** Before the analysis starts; the rollout waits while it is closed. */
  CONFIRM_ROLLOUT("confirm-rollout", true),
  /** Before the first traffic shift; a closed answer counts as a failed check and holds. */
  PRE_ROLLOUT("pre-rollout", true),
  /** Before each analysis; a closed answer counts as a failed check. */
  ROLLOUT("rollout", false),
  /** Before each weight increase; the weight holds while it is closed (the analysis goes on). */
  CONFIRM_TRAFFIC_INCREASE("confirm-traffic-increase", true),
  /** Before promotion; the analysis keeps running while it is closed and can still roll back. */
  CONFIRM_PROMOTION("confirm-promotion", true),
  /** After promotion or rollback; notification only, its answer is recorded. */
  POST_ROLLOUT("post-rollout", false),
  /** Consulted every tick in every active phase; an open answer rolls back. */
  ROLLBACK("rollback", false),
  /** Receives every event; notification only. */
  EVENT("event", false);

  private final String specName;
  private final boolean waits;

  GateType(String specName, boolean waits) {
    this.specName = specName;
    this.waits = waits;
  }

  /**
   * The name used in policy files, for example {@code confirm-promotion}.
   *
   * @return the kebab-case name
   */
  public String specName() {
    return specName;
  }

  /**
   * Whether the rollout waits for this gate to open (and so whether its timeout applies).
   *
   * @return {@code true} for the gates that hold the rollout while closed
   */
  public boolean waits() {
    return waits;
  }

  /**
   * The type named {@code specName} in a policy file.
   *
   * @param specName a name such as {@code confirm-promotion}
   * @return the type; an unknown name throws {@link IllegalArgumentException} listing the known ones
   */
  public static GateType fromSpecName(String specName) {
    for (GateType t : values()) {
      if (t.specName.equals(specName)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Expected a gate type (confirm-rollout, pre-rollout, rollout, "
        + "confirm-traffic-increase, confirm-promotion, post-rollout, rollback, event) but was '" + specName + "'");
  }
}
