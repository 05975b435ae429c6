/**
 * canary4j on Kubernetes with Istio: {@link dev.canary4j.istio.IstioTrafficRouter} (VirtualService
 * weights, A/B match routes, mirroring, DestinationRule subsets), {@link
 * dev.canary4j.istio.ConfigFingerprint} (revision fingerprint of a Deployment and its config),
 * {@link dev.canary4j.istio.ConfigMapStateStore} (canary state with compare-and-set), {@link
 * dev.canary4j.istio.DeploymentWorkloads} (promotion by copying the canary's pod template onto the
 * primary, and scale-down) and {@link dev.canary4j.istio.LeaseLeaderElector} (one active controller
 * among replicas). The Kubernetes API client they share is in {@link dev.canary4j.istio.kube}.
 */
package dev.canary4j.istio;
