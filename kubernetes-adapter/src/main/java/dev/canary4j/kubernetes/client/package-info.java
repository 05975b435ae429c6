/**
 * A small Kubernetes API client over OkHttp and Jackson: kubeconfig and in-cluster configuration,
 * GET/POST/PUT, server-side apply and JSON merge patch, and {@code Status} errors as typed exceptions.
 */
package dev.canary4j.kubernetes.client;
