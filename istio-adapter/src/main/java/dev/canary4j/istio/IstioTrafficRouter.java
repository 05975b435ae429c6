package dev.canary4j.istio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.TrafficSplit;
import dev.canary4j.kubernetes.ObjectUpdater;
import dev.canary4j.kubernetes.WriteFence;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RouteChangedException;
import dev.canary4j.spi.RoutedSplit;
import dev.canary4j.spi.TrafficRouter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link TrafficRouter} that sets the primary and canary weights, the A/B match route and the
 * mirror on an Istio VirtualService, and optionally keeps the DestinationRule subsets in place.
 * Uses {@code networking.istio.io/v1}, or {@code v1beta1} on clusters whose Istio does not serve v1
 * (before 1.22). Thread-safe; {@link #apply} writes nothing when the split is already in place.
 *
 * <p>Writes are fenced: {@link #observeRouted} returns the VirtualService's resourceVersion, and
 * {@link #apply(Target, TrafficSplit, String)} writes only while the VirtualService is still at it,
 * sending it as the precondition of the PUT or of the server-side apply patch. A write abandoned by
 * the runner's time limit therefore cannot land after a later write.
 */
public final class IstioTrafficRouter implements TrafficRouter {

  static final KubeResource VIRTUAL_SERVICES =
      new KubeResource("networking.istio.io", "v1", "virtualservices", "VirtualService");
  static final KubeResource DESTINATION_RULES =
      new KubeResource("networking.istio.io", "v1", "destinationrules", "DestinationRule");

  private final KubeClient client;
  private final IstioRouterConfig config;
  private final ObjectUpdater updater;
  private final AtomicReference<String> version = new AtomicReference<>();
  private final WriteFence fence = new WriteFence();

  /**
   * A router editing VirtualServices (and DestinationRules) through {@code client} as {@code config} says.
   *
   * @param client the Kubernetes API client the router reads and writes through; not {@code null}
   * @param config what to edit and how to write it; not {@code null}
   */
  public IstioTrafficRouter(KubeClient client, IstioRouterConfig config) {
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
    this.updater = new ObjectUpdater(client, config);
  }

  /** The split the target's VirtualService applies now, read from its managed route and A/B route. */
  @Override
  public TrafficSplit observe(Target target) {
    KubeResource type = VIRTUAL_SERVICES.withVersion(version());
    String name = config.virtualServiceName(target);
    return editor(target, type).read(updater.read(type, target.namespace(), name));
  }

  /** The split and the VirtualService's resourceVersion, for a fenced {@link #apply(Target, TrafficSplit, String)}. */
  @Override
  public RoutedSplit observeRouted(Target target) {
    KubeResource type = VIRTUAL_SERVICES.withVersion(version());
    ObjectNode vs = updater.read(type, target.namespace(), config.virtualServiceName(target));
    return new RoutedSplit(editor(target, type).read(vs), vs.path("metadata").path("resourceVersion").asText(null));
  }

  /**
   * Writes {@code split} to the VirtualService (subsets first, when managed); nothing if already in
   * place. A call overtaken by a later call for the same target writes nothing more, and a call that
   * overtakes one still running writes even an unchanged split (see {@link WriteFence}).
   */
  @Override
  public void apply(Target target, TrafficSplit split) {
    apply(target, split, null);
  }

  /**
   * Writes {@code split} like {@link #apply(Target, TrafficSplit)}, but only while the VirtualService
   * is at {@code expectedVersion} ({@code null}: any); {@link RouteChangedException} otherwise.
   */
  @Override
  public String apply(Target target, TrafficSplit split, String expectedVersion) {
    Objects.requireNonNull(split, "split");
    try (WriteFence.Ticket ticket = fence.begin(target.id())) {
      String v = version();
      if (config.managesDestinationRule()) {
        ensureSubsets(target, DESTINATION_RULES.withVersion(v));
      }
      KubeResource type = VIRTUAL_SERVICES.withVersion(v);
      RouteEditor editor = editor(target, type);
      return updater.update(type, target.namespace(), config.virtualServiceName(target), List.of("http"),
          vs -> ticket.fence(vs, editor.write(vs, split)), expectedVersion);
    }
  }

  private void ensureSubsets(Target target, KubeResource type) {
    String name = config.destinationRuleName(target);
    Destinations d = config.destinations(target);
    Optional<ObjectNode> existing = client.find(type, target.namespace(), name);
    if (existing.isEmpty()) {
      ObjectNode rule = DestinationRuleSubsets.newRule(type.apiVersion(), target.namespace(), name, config.serviceName(target));
      rule = DestinationRuleSubsets.ensure(rule, d.primarySubset(), config.primaryLabels());
      updater.create(type, target.namespace(), DestinationRuleSubsets.ensure(rule, d.canarySubset(), config.canaryLabels()));
      return;
    }
    updater.update(type, target.namespace(), name, List.of("subsets"), rule -> DestinationRuleSubsets.ensure(
        DestinationRuleSubsets.ensure(rule, d.primarySubset(), config.primaryLabels()), d.canarySubset(), config.canaryLabels()));
  }

  private RouteEditor editor(Target target, KubeResource type) {
    String object = ObjectUpdater.describe(type, target.namespace(), config.virtualServiceName(target));
    return new RouteEditor(object, config.routeName(), config.destinations(target));
  }

  /** The served networking.istio.io version, asked once: v1, else v1beta1. */
  private String version() {
    String v = version.get();
    if (v != null) {
      return v;
    }
    if (client.serves(VIRTUAL_SERVICES)) {
      v = "v1";
    } else if (client.serves(VIRTUAL_SERVICES.withVersion("v1beta1"))) {
      v = "v1beta1";
    } else {
      throw new PermanentAdapterException("The API server serves neither networking.istio.io/v1 nor v1beta1: "
          + "is Istio installed in this cluster?");
    }
    version.compareAndSet(null, v);
    return v;
  }
}
