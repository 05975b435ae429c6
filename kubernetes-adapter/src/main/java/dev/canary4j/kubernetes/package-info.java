/**
 * canary4j on Kubernetes, whatever routes the traffic: {@link dev.canary4j.kubernetes.ConfigFingerprint}
 * (revision fingerprint of a Deployment and its config), {@link dev.canary4j.kubernetes.ConfigMapStateStore}
 * (canary state with compare-and-set), {@link dev.canary4j.kubernetes.DeploymentWorkloads} (promotion by
 * copying the canary's pod template onto the primary, and scale-down), {@link
 * dev.canary4j.kubernetes.LeaseLeaderElector} (one active controller among replicas) and {@link
 * dev.canary4j.kubernetes.ObjectUpdater} (the write path routers share: server-side apply or
 * read-modify-write). The Kubernetes API client they share is in {@link dev.canary4j.kubernetes.client}.
 */
package dev.canary4j.kubernetes;
