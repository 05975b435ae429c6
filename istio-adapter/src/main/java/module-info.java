/** canary4j's Istio adapter: a TrafficRouter over VirtualServices and DestinationRules. */
module dev.canary4j.istio {
  requires transitive dev.canary4j.kubernetes;

  exports dev.canary4j.istio;
}
