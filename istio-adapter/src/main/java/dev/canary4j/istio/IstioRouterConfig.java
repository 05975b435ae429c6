package dev.canary4j.istio;

import dev.canary4j.kubernetes.WriteSettings;
import dev.canary4j.kubernetes.WriteStrategy;
import dev.canary4j.policy.Target;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link IstioTrafficRouter} edits and how it writes. Immutable; start from
 * {@link #ofDefaults()} or {@link #custom()}.
 *
 * <p>Defaults: the VirtualService named like the target, its only HTTP route, primary and canary
 * as two hosts (the target's primary and canary names), server-side apply as {@code canary4j}
 * without force, 5 attempts on write races, and no DestinationRule management.
 */
public final class IstioRouterConfig implements WriteSettings {

  /** The default server-side apply field manager. */
  public static final String DEFAULT_FIELD_MANAGER = WriteSettings.DEFAULT_FIELD_MANAGER;
  /** The default attempts of one write that loses races with other writers. */
  public static final int DEFAULT_MAX_WRITE_ATTEMPTS = WriteSettings.DEFAULT_MAX_WRITE_ATTEMPTS;

  private final String virtualService;
  private final String routeName;
  private final DestinationMode destinationMode;
  private final String service;
  private final String primarySubset;
  private final String canarySubset;
  private final Map<String, String> primaryLabels;
  private final Map<String, String> canaryLabels;
  private final String destinationRule;
  private final WriteStrategy writeStrategy;
  private final String fieldManager;
  private final boolean force;
  private final int maxWriteAttempts;

  private IstioRouterConfig(Builder b) {
    this.virtualService = b.virtualService;
    this.routeName = b.routeName;
    this.destinationMode = b.destinationMode;
    this.service = b.service;
    this.primarySubset = b.primarySubset;
    this.canarySubset = b.canarySubset;
    this.primaryLabels = b.primaryLabels;
    this.canaryLabels = b.canaryLabels;
    this.destinationRule = b.destinationRule;
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
  public static IstioRouterConfig ofDefaults() {
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
   * The VirtualService's name for {@code target}.
   *
   * @param target the rollout's target; its name is used unless a VirtualService was configured
   * @return the name of the VirtualService in the target's namespace, never {@code null}
   */
  public String virtualServiceName(Target target) {
    return virtualService != null ? virtualService : target.name();
  }

  /**
   * The HTTP route's name, or {@code null} for the only route.
   *
   * @return the configured route name, or {@code null} when the VirtualService has a single HTTP route
   */
  public String routeName() {
    return routeName;
  }

  /** How the router writes the VirtualService. */
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

  /**
   * Whether the router keeps the DestinationRule's primary and canary subsets in place.
   *
   * @return {@code true} only when subsets and their pod labels were configured with {@code
   *     ensureDestinationRule}
   */
  public boolean managesDestinationRule() {
    return destinationMode == DestinationMode.SUBSETS && primaryLabels != null;
  }

  /**
   * The DestinationRule's name for {@code target}.
   *
   * @param target the rollout's target, whose name stands for the service unless one was configured
   * @return the configured DestinationRule name, else the service's name; never {@code null}
   */
  public String destinationRuleName(Target target) {
    return destinationRule != null ? destinationRule : serviceName(target);
  }

  Map<String, String> primaryLabels() {
    return primaryLabels;
  }

  Map<String, String> canaryLabels() {
    return canaryLabels;
  }

  String serviceName(Target target) {
    return service != null ? service : target.name();
  }

  Destinations destinations(Target target) {
    if (destinationMode == DestinationMode.HOSTS) {
      return new Destinations(target.namespace(), target.primary(), null, target.canary(), null);
    }
    String host = serviceName(target);
    return new Destinations(target.namespace(), host, primarySubset, host, canarySubset);
  }

  /** Builds an {@link IstioRouterConfig}; each setter checks its argument. */
  public static final class Builder {
    private String virtualService;
    private String routeName;
    private DestinationMode destinationMode = DestinationMode.HOSTS;
    private String service;
    private String primarySubset = "primary";
    private String canarySubset = "canary";
    private Map<String, String> primaryLabels;
    private Map<String, String> canaryLabels;
    private String destinationRule;
    private WriteStrategy writeStrategy = WriteStrategy.SERVER_SIDE_APPLY;
    private String fieldManager = DEFAULT_FIELD_MANAGER;
    private boolean force;
    private int maxWriteAttempts = DEFAULT_MAX_WRITE_ATTEMPTS;

    private Builder() {}

    /**
     * The VirtualService to edit, instead of the one named like the target.
     *
     * @param name the VirtualService's name in the target's namespace; not blank
     * @return this builder
     */
    public Builder virtualService(String name) {
      this.virtualService = name(name, "virtualService");
      return this;
    }

    /**
     * The HTTP route to edit, by its {@code name}; needed when the VirtualService has several.
     *
     * @param name the {@code name} field of the HTTP route; not blank
     * @return this builder
     */
    public Builder routeName(String name) {
      this.routeName = name(name, "routeName");
      return this;
    }

    /**
     * Primary and canary as subsets of {@code service}, instead of two hosts.
     *
     * @param service the host both subsets belong to (the Service's name, or a longer host name); not blank
     * @param primarySubset the subset name of the primary's pods; not blank
     * @param canarySubset the subset name of the canary's pods; not blank and not the primary's
     * @return this builder
     */
    public Builder subsets(String service, String primarySubset, String canarySubset) {
      this.destinationMode = DestinationMode.SUBSETS;
      this.service = name(service, "service");
      this.primarySubset = name(primarySubset, "primarySubset");
      this.canarySubset = name(canarySubset, "canarySubset");
      if (primarySubset.equals(canarySubset)) {
        throw new IllegalArgumentException("canarySubset must differ from primarySubset, but both were '" + primarySubset + "'");
      }
      return this;
    }

    /**
     * Keeps the subsets in DestinationRule {@code name} ({@code null}: named like the service; created
     * if missing) selecting pods by these labels; only with {@link #subsets}.
     *
     * @param name the DestinationRule's name, or {@code null} for one named like the service
     * @param primaryLabels the pod labels of the primary subset; not empty
     * @param canaryLabels the pod labels of the canary subset; not empty
     * @return this builder
     */
    public Builder ensureDestinationRule(String name, Map<String, String> primaryLabels, Map<String, String> canaryLabels) {
      if (primaryLabels == null || primaryLabels.isEmpty() || canaryLabels == null || canaryLabels.isEmpty()) {
        throw new IllegalArgumentException("primary and canary subset labels must not be empty, but were "
            + primaryLabels + " and " + canaryLabels);
      }
      this.destinationRule = name == null ? null : name(name, "destinationRule");
      this.primaryLabels = Map.copyOf(primaryLabels);
      this.canaryLabels = Map.copyOf(canaryLabels);
      return this;
    }

    /**
     * How to write the VirtualService: server-side apply or read-modify-write.
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
     * The configuration; throws when {@link #ensureDestinationRule} was set without {@link #subsets}.
     *
     * @return an immutable configuration holding the values set so far
     */
    public IstioRouterConfig build() {
      if (primaryLabels != null && destinationMode != DestinationMode.SUBSETS) {
        throw new IllegalArgumentException("ensureDestinationRule needs subsets(service, primarySubset, canarySubset)");
      }
      return new IstioRouterConfig(this);
    }

    private static String name(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank, but was '" + value + "'");
      }
      return value;
    }
  }
}
