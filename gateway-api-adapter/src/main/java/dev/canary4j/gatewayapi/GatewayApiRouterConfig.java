package dev.canary4j.gatewayapi;

import dev.canary4j.kubernetes.WriteSettings;
import dev.canary4j.kubernetes.WriteStrategy;
import dev.canary4j.policy.Target;
import java.util.Objects;

/**
 * What the {@link GatewayApiTrafficRouter} edits and how it writes. Immutable; start from
 * {@link #ofDefaults()} or {@link #custom()}.
 *
 * <p>Defaults: the HTTPRoute named like the target, the only rule that routes to the primary, the
 * primary and canary Services named like the target's primary and canary, server-side apply as
 * {@code canary4j} without force, 5 attempts on write races, and mirror percentages detected from
 * the cluster's HTTPRoute CustomResourceDefinition.
 */
public final class GatewayApiRouterConfig implements WriteSettings {

  /** The default server-side apply field manager, the Istio router's too. */
  public static final String DEFAULT_FIELD_MANAGER = WriteSettings.DEFAULT_FIELD_MANAGER;
  /** The default attempts of one write that loses races with other writers. */
  public static final int DEFAULT_MAX_WRITE_ATTEMPTS = WriteSettings.DEFAULT_MAX_WRITE_ATTEMPTS;

  private final String httpRoute;
  private final String ruleName;
  private final String primaryService;
  private final String canaryService;
  private final MirrorPercent mirrorPercent;
  private final WriteStrategy writeStrategy;
  private final String fieldManager;
  private final boolean force;
  private final int maxWriteAttempts;

  private GatewayApiRouterConfig(Builder b) {
    this.httpRoute = b.httpRoute;
    this.ruleName = b.ruleName;
    this.primaryService = b.primaryService;
    this.canaryService = b.canaryService;
    this.mirrorPercent = b.mirrorPercent;
    this.writeStrategy = b.writeStrategy;
    this.fieldManager = b.fieldManager;
    this.force = b.force;
    this.maxWriteAttempts = b.maxWriteAttempts;
  }

  /**
   * The default configuration (see the class description).
   *
   * @return a configuration with every default listed above
   */
  public static GatewayApiRouterConfig ofDefaults() {
    return custom().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder, independent of any other
   */
  public static Builder custom() {
    return new Builder();
  }

  /**
   * The HTTPRoute's name for {@code target}.
   *
   * @param target the rollout's target; its name is used unless an HTTPRoute was configured
   * @return the name of the HTTPRoute in the target's namespace, never {@code null}
   */
  public String httpRouteName(Target target) {
    return httpRoute != null ? httpRoute : target.name();
  }

  /**
   * The rule's {@code name}, or {@code null} for the only rule that routes to the primary.
   *
   * @return the configured rule name, or {@code null} when one rule routes to the primary
   */
  public String ruleName() {
    return ruleName;
  }

  /**
   * Whether mirror percentages are detected, or known to be supported or not.
   *
   * @return the configured choice, {@link MirrorPercent#DETECT} unless set; never {@code null}
   */
  public MirrorPercent mirrorPercent() {
    return mirrorPercent;
  }

  /** How the router writes the HTTPRoute. */
  @Override
  public WriteStrategy writeStrategy() {
    return writeStrategy;
  }

  /** The server-side apply field manager name. */
  @Override
  public String fieldManager() {
    return fieldManager;
  }

  /** Whether server-side apply takes fields owned by other managers. */
  @Override
  public boolean force() {
    return force;
  }

  /** Attempts of one write when other writers keep changing the object (409). */
  @Override
  public int maxWriteAttempts() {
    return maxWriteAttempts;
  }

  Backends backends(Target target) {
    return new Backends(target.namespace(), primaryService != null ? primaryService : target.primary(),
        canaryService != null ? canaryService : target.canary());
  }

  /** Builds a {@link GatewayApiRouterConfig}; each setter checks its argument. */
  public static final class Builder {
    private String httpRoute;
    private String ruleName;
    private String primaryService;
    private String canaryService;
    private MirrorPercent mirrorPercent = MirrorPercent.DETECT;
    private WriteStrategy writeStrategy = WriteStrategy.SERVER_SIDE_APPLY;
    private String fieldManager = DEFAULT_FIELD_MANAGER;
    private boolean force;
    private int maxWriteAttempts = DEFAULT_MAX_WRITE_ATTEMPTS;

    private Builder() {}

    /**
     * The HTTPRoute to edit, instead of the one named like the target.
     *
     * @param name the HTTPRoute's name in the target's namespace; not blank
     * @return this builder
     */
    public Builder httpRoute(String name) {
      this.httpRoute = name(name, "httpRoute");
      return this;
    }

    /**
     * The rule to edit, by its {@code name} (a field of newer Gateway API releases); needed when
     * several rules route to the primary.
     *
     * @param name the rule's {@code name} field; not blank
     * @return this builder
     */
    public Builder ruleName(String name) {
      this.ruleName = name(name, "ruleName");
      return this;
    }

    /**
     * The primary's and canary's Services, instead of the target's primary and canary names.
     *
     * @param primary the Service the stable version's traffic goes to; not blank
     * @param canary the Service the canary's traffic goes to; not blank and not the primary's
     * @return this builder
     */
    public Builder services(String primary, String canary) {
      this.primaryService = name(primary, "primaryService");
      this.canaryService = name(canary, "canaryService");
      if (primary.equals(canary)) {
        throw new IllegalArgumentException("canaryService must differ from primaryService, but both were '" + primary + "'");
      }
      return this;
    }

    /**
     * Whether to detect mirror percentages from the cluster, or what it is known to support.
     *
     * @param support {@link MirrorPercent#DETECT}, or what the cluster is known to support; not {@code null}
     * @return this builder
     */
    public Builder mirrorPercent(MirrorPercent support) {
      this.mirrorPercent = Objects.requireNonNull(support, "mirrorPercent");
      return this;
    }

    /**
     * How to write the HTTPRoute: server-side apply or read-modify-write.
     *
     * @param strategy the way of writing; not {@code null}
     * @return this builder
     */
    public Builder writeStrategy(WriteStrategy strategy) {
      this.writeStrategy = Objects.requireNonNull(strategy, "writeStrategy");
      return this;
    }

    /**
     * The server-side apply field manager name.
     *
     * @param manager the field manager recorded in the object's managedFields; 1 to 128 characters
     * @return this builder
     */
    public Builder fieldManager(String manager) {
      this.fieldManager = WriteSettings.checkedFieldManager(manager);
      return this;
    }

    /**
     * Whether server-side apply takes fields owned by other managers; an explicit choice.
     *
     * @param force {@code true} to take over conflicting fields, {@code false} (the default) to fail on them
     * @return this builder
     */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /**
     * Attempts of one write when another writer changed the object in between (409).
     *
     * @param attempts how often one write is tried in all; 1 to 100
     * @return this builder
     */
    public Builder maxWriteAttempts(int attempts) {
      this.maxWriteAttempts = WriteSettings.checkedMaxWriteAttempts(attempts);
      return this;
    }

    /**
     * The configuration.
     *
     * @return an immutable configuration holding the values set so far
     */
    public GatewayApiRouterConfig build() {
      return new GatewayApiRouterConfig(this);
    }

    private static String name(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank, but was '" + value + "'");
      }
      return value;
    }
  }
}
