/** Istio traffic router and Kubernetes API client for canary4j. */
package dev.canary4j.istio;
