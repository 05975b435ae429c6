package dev.canary4j.gatewayapi;

import dev.canary4j.TrafficSplit;
import dev.canary4j.kubernetes.ObjectUpdater;
import dev.canary4j.kubernetes.WriteFence;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.TrafficRouter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link TrafficRouter} that sets the primary and canary weights, the A/B match rule and the
 * request mirror on a Gateway API HTTPRoute. Uses {@code gateway.networking.k8s.io/v1}, or
 * {@code v1beta1} on clusters whose Gateway API does not serve v1 (before v1.0). Thread-safe;
 * {@link #apply} writes nothing when the split is already in place.
 */
public final class GatewayApiTrafficRouter implements TrafficRouter {

  static final KubeResource HTTP_ROUTES = new KubeResource("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute");

  private final KubeClient client;
  private final GatewayApiRouterConfig config;
  private final ObjectUpdater updater;
  private final GatewayApiInstallation installation;
  private final AtomicReference<String> version = new AtomicReference<>();
  private final WriteFence fence = new WriteFence();

  /**
   * A router editing HTTPRoutes through {@code client} as {@code config} says.
   *
   * @param client the Kubernetes API client the router reads and writes through; not {@code null}
   * @param config what to edit and how to write it; not {@code null}
   */
  public GatewayApiTrafficRouter(KubeClient client, GatewayApiRouterConfig config) {
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
    this.updater = new ObjectUpdater(client, config);
    this.installation = new GatewayApiInstallation(client);
  }

  /** The split the target's HTTPRoute applies now, read from its managed rule and A/B rule. */
  @Override
  public TrafficSplit observe(Target target) {
    KubeResource type = HTTP_ROUTES.withVersion(version());
    return editor(target, type).read(updater.read(type, target.namespace(), config.httpRouteName(target)));
  }

  /**
   * Writes {@code split} to the HTTPRoute; nothing if already in place. A mirror of less than 100 %
   * needs a Gateway API whose RequestMirror filter takes a percentage, and is refused where it does
   * not. A call overtaken by a later call for the same target writes nothing more, and a call that
   * overtakes one still running writes even an unchanged split (see {@link WriteFence}).
   */
  @Override
  public void apply(Target target, TrafficSplit split) {
    Objects.requireNonNull(split, "split");
    try (WriteFence.Ticket ticket = fence.begin(target.id())) {
      String v = version();
      KubeResource type = HTTP_ROUTES.withVersion(v);
      String name = config.httpRouteName(target);
      if (split.mirror() > 0 && split.mirror() < 100) {
        checkMirrorPercent(ObjectUpdater.describe(type, target.namespace(), name), v, split.mirror());
      }
      RuleEditor editor = editor(target, type);
      updater.update(type, target.namespace(), name, List.of("rules"), route -> ticket.fence(route, editor.write(route, split)));
    }
  }

  private void checkMirrorPercent(String object, String v, int percent) {
    String refusal = switch (config.mirrorPercent()) {
      case SUPPORTED -> null;
      case UNSUPPORTED -> "the router is configured with MirrorPercent.UNSUPPORTED";
      case DETECT -> installation.mirrorPercent(v).refusal();
    };
    if (refusal != null) {
      throw new PermanentAdapterException("Cannot mirror " + percent + "% of the requests of " + object + ": " + refusal
          + ". Without the RequestMirror filter's percent field (Gateway API v1.2 experimental channel, v1.3 standard "
          + "channel) the API server would drop the percentage and mirror every request. Upgrade the Gateway API CRDs, "
          + "or mirror 0% or 100%");
    }
  }

  private RuleEditor editor(Target target, KubeResource type) {
    String object = ObjectUpdater.describe(type, target.namespace(), config.httpRouteName(target));
    return new RuleEditor(object, config.ruleName(), config.backends(target));
  }

  /** The served gateway.networking.k8s.io version, asked once: v1, else v1beta1. */
  private String version() {
    String v = version.get();
    if (v != null) {
      return v;
    }
    if (client.serves(HTTP_ROUTES)) {
      v = "v1";
    } else if (client.serves(HTTP_ROUTES.withVersion("v1beta1"))) {
      v = "v1beta1";
    } else {
      throw new PermanentAdapterException("The API server serves neither gateway.networking.k8s.io/v1 nor v1beta1: "
          + "are the Gateway API CRDs installed in this cluster?");
    }
    version.compareAndSet(null, v);
    return v;
  }
}
