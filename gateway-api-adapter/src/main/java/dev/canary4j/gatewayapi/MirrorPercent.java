package dev.canary4j.gatewayapi;

/**
 * Whether the installed Gateway API lets a {@code RequestMirror} filter mirror a percentage of the
 * requests (its {@code percent} and {@code fraction} fields: experimental channel from v1.2, standard
 * channel from v1.3). Without them a mirror copies every request.
 */
public enum MirrorPercent {
  /** Read from the HTTPRoute CustomResourceDefinition's schema, once (needs {@code get} on CRDs). */
  DETECT,
  /** The cluster's HTTPRoute has the percentage fields. */
  SUPPORTED,
  /** The cluster's HTTPRoute has no percentage fields: only 0 % or 100 % can be mirrored. */
  UNSUPPORTED
}
