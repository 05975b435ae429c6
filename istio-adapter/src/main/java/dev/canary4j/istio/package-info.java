/**
 * canary4j's Istio traffic router: {@link dev.canary4j.istio.IstioTrafficRouter} (VirtualService
 * weights, A/B match routes, mirroring, DestinationRule subsets). What is not Istio's (the Kubernetes
 * client, state store, leader election, workloads, fingerprint) is in {@code dev.canary4j.kubernetes}.
 */
package dev.canary4j.istio;
