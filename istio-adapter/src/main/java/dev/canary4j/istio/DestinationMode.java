package dev.canary4j.istio;

/** How a VirtualService route names the primary and the canary. */
public enum DestinationMode {
  /** Two Services: destinations {@code host: <primary>} and {@code host: <canary>}. */
  HOSTS,
  /** One Service with DestinationRule subsets: {@code host: <service>, subset: primary|canary}. */
  SUBSETS
}
