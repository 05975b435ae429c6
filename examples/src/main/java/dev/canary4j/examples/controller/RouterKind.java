package dev.canary4j.examples.controller;

import dev.canary4j.gatewayapi.GatewayApiRouterConfig;
import dev.canary4j.gatewayapi.GatewayApiTrafficRouter;
import dev.canary4j.istio.IstioTrafficRouter;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.policy.Target;
import dev.canary4j.spi.TrafficRouter;
import java.util.Arrays;
import java.util.List;

/** The traffic routers the controller can drive, chosen with {@code --router}. */
public enum RouterKind {

  /** An Istio VirtualService, with the DestinationRule subsets of {@link CanaryController#routing}. */
  ISTIO("istio"),
  /**
   * A Gateway API HTTPRoute named like the target, whose rule sends traffic to the Services named
   * like the primary and canary Deployments ({@code podinfo-primary} and {@code podinfo}).
   */
  GATEWAY_API("gateway-api");

  private final String flag;

  RouterKind(String flag) {
    this.flag = flag;
  }

  /** The value of {@code --router} that chooses this router. */
  public String flag() {
    return flag;
  }

  /** The router {@code --router value} names; throws naming the choices otherwise. */
  public static RouterKind ofFlag(String value) {
    for (RouterKind kind : values()) {
      if (kind.flag.equals(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("--router must be one of " + flags() + ", but was '" + value + "'");
  }

  /** Every value of {@code --router}. */
  public static List<String> flags() {
    return Arrays.stream(values()).map(RouterKind::flag).toList();
  }

  /** This router for {@code target}, editing the cluster through {@code kube}. */
  TrafficRouter create(KubeClient kube, Target target) {
    return switch (this) {
      case ISTIO -> new IstioTrafficRouter(kube, CanaryController.routing(target));
      case GATEWAY_API -> new GatewayApiTrafficRouter(kube, GatewayApiRouterConfig.ofDefaults());
    };
  }
}
