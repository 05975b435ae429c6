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

  /** The default configuration (see the class description). */
  public static GatewayApiRouterConfig ofDefaults() {
    return custom().build();
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** The HTTPRoute's name for {@code target}. */
  public String httpRouteName(Target target) {
    return httpRoute != null ? httpRoute : target.name();
  }

  /** The rule's {@code name}, or {@code null} for the only rule that routes to the primary. */
  public String ruleName() {
    return ruleName;
  }

  /** Whether mirror percentages are detected, or known to be supported or not. */
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

    /** The HTTPRoute to edit, instead of the one named like the target. */
    public Builder httpRoute(String name) {
      this.httpRoute = name(name, "httpRoute");
      return this;
    }

    /**
     * The rule to edit, by its {@code name} (a field of newer Gateway API releases); needed when
     * several rules route to the primary.
     */
    public Builder ruleName(String name) {
      this.ruleName = name(name, "ruleName");
      return this;
    }

    /** The primary's and canary's Services, instead of the target's primary and canary names. */
    public Builder services(String primary, String canary) {
      this.primaryService = name(primary, "primaryService");
      this.canaryService = name(canary, "canaryService");
      if (primary.equals(canary)) {
        throw new IllegalArgumentException("canaryService must differ from primaryService, but both were '" + primary + "'");
      }
      return this;
    }

    /** Whether to detect mirror percentages from the cluster, or what it is known to support. */
    public Builder mirrorPercent(MirrorPercent support) {
      this.mirrorPercent = Objects.requireNonNull(support, "mirrorPercent");
      return this;
    }

    /** How to write the HTTPRoute: server-side apply or read-modify-write. */
    public Builder writeStrategy(WriteStrategy strategy) {
      this.writeStrategy = Objects.requireNonNull(strategy, "writeStrategy");
      return this;
    }

    /** The server-side apply field manager name. */
    public Builder fieldManager(String manager) {
      this.fieldManager = WriteSettings.checkedFieldManager(manager);
      return this;
    }

    /** Whether server-side apply takes fields owned by other managers; an explicit choice. */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /** Attempts of one write when another writer changed the object in between (409). */
    public Builder maxWriteAttempts(int attempts) {
      this.maxWriteAttempts = WriteSettings.checkedMaxWriteAttempts(attempts);
      return this;
    }

    /** The configuration. */
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
