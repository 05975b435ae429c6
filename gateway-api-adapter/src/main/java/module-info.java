/** canary4j's Gateway API adapter: a TrafficRouter over an HTTPRoute's backendRefs. */
module dev.canary4j.gatewayapi {
  requires transitive dev.canary4j.kubernetes;

  exports dev.canary4j.gatewayapi;
}
