package dev.canary4j.spi;

import dev.canary4j.TrafficSplit;
import java.util.Objects;

/**
 * The split a router applies and the router's version of it, for fenced writes.
 *
 * @param split the split applied now
 * @param version the router's version of the object that holds the split (a Kubernetes
 *     resourceVersion, a counter), or {@code null} when the router cannot fence writes
 */
public record RoutedSplit(TrafficSplit split, String version) {

  /**
   * Checks that there is a split.
   *
   * @param split the split applied now; not {@code null}
   * @param version the router's version, or {@code null} when the router cannot fence writes
   */
  public RoutedSplit {
    Objects.requireNonNull(split, "split");
  }
}
