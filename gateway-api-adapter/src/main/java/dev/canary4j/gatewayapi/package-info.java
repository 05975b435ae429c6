/**
 * canary4j's Gateway API traffic router: {@link dev.canary4j.gatewayapi.GatewayApiTrafficRouter}
 * (HTTPRoute backendRefs weights, A/B match rules, request mirroring). The Kubernetes client and
 * everything else that is not routing is in {@code dev.canary4j.kubernetes}.
 */
package dev.canary4j.gatewayapi;
