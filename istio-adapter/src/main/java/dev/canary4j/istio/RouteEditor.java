package dev.canary4j.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.spi.PermanentAdapterException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes a {@link TrafficSplit} on one HTTP route of a VirtualService, as a Jackson tree
 * so that every field it does not touch (other routes, retries, timeouts, headers, fields of newer
 * Istio versions) is kept as it was. Pure: no I/O.
 *
 * <p>The A/B route, named {@code canary4j-ab} (or {@code <route>-canary4j-ab}), is a copy of the
 * managed route placed just before it, whose matches are the managed route's matches each combined
 * with one request match, and whose only destination is the canary.
 */
final class RouteEditor {

  private final String object;
  private final String routeName;
  private final String abRouteName;
  private final Destinations destinations;

  RouteEditor(String object, String routeName, Destinations destinations) {
    this.object = object;
    this.routeName = routeName;
    this.abRouteName = routeName == null ? "canary4j-ab" : routeName + "-canary4j-ab";
    this.destinations = destinations;
  }

  /** The split {@code virtualService} applies now. */
  TrafficSplit read(ObjectNode virtualService) {
    ArrayNode http = http(virtualService);
    ObjectNode route = (ObjectNode) http.get(mainRouteIndex(http));
    Weights w = weights(route);
    int sum = w.primary + w.canary;
    if (sum != 100) {
      throw new PermanentAdapterException(where() + ": primary and canary weights must sum to 100, but were "
          + w.primary + " and " + w.canary);
    }
    int mirror = 0;
    if (route.has("mirror") && destinations.isCanary(route.path("mirror"))) {
      JsonNode pct = route.path("mirrorPercentage").path("value");
      mirror = pct.isNumber() ? (int) Math.round(pct.asDouble()) : 100;
    }
    return new TrafficSplit(w.primary, w.canary, mirror, readMatches(http, route));
  }

  /** A copy of {@code virtualService} applying {@code split}. */
  ObjectNode write(ObjectNode virtualService, TrafficSplit split) {
    ObjectNode vs = virtualService.deepCopy();
    ArrayNode http = http(vs);
    for (int i = http.size() - 1; i >= 0; i--) {
      if (abRouteName.equals(http.get(i).path("name").asText(null))) {
        http.remove(i);
      }
    }
    int index = mainRouteIndex(http);
    ObjectNode route = (ObjectNode) http.get(index);
    weights(route);
    ArrayNode entries = route.withArrayProperty("route");
    ObjectNode primary = null;
    ObjectNode canary = null;
    List<JsonNode> others = new ArrayList<>();
    for (JsonNode entry : entries) {
      if (destinations.isPrimary(entry.path("destination"))) {
        primary = (ObjectNode) entry;
      } else if (destinations.isCanary(entry.path("destination"))) {
        canary = (ObjectNode) entry;
      } else {
        others.add(entry);
      }
    }
    if (canary == null) {
      canary = route.objectNode();
      canary.set("destination", destinations.canaryLike(primary.path("destination")));
    }
    primary.put("weight", split.primary());
    canary.put("weight", split.canary());
    // Other destinations passed the check above, so they get no traffic; they stay as they were,
    // after primary and canary, as read() ignores them.
    ArrayNode written = route.putArray("route").add(primary).add(canary);
    others.forEach(written::add);
    writeMirror(route, canary.path("destination"), split.mirror());
    if (!split.matches().isEmpty()) {
      http.insert(index, abRoute(route, canary.path("destination"), split.matches()));
    }
    return vs;
  }

  private void writeMirror(ObjectNode route, JsonNode canary, int percent) {
    boolean ours = !route.has("mirror") || destinations.isCanary(route.path("mirror"));
    if (percent == 0) {
      if (ours) {
        route.remove("mirror");
        route.remove("mirrorPercentage");
      }
      return;
    }
    if (!ours) {
      throw new PermanentAdapterException(where() + " already mirrors to " + route.path("mirror")
          + "; remove that mirror before mirroring to the canary (" + destinations.describeCanary() + ")");
    }
    route.set("mirror", canary.deepCopy());
    route.putObject("mirrorPercentage").put("value", (double) percent);
  }

  private ObjectNode abRoute(ObjectNode route, JsonNode canary, List<RequestMatch> matches) {
    ObjectNode ab = route.deepCopy();
    ab.put("name", abRouteName);
    ab.remove("mirror");
    ab.remove("mirrorPercentage");
    ab.putArray("route").addObject().set("destination", canary.deepCopy());
    // Entries of a match list are OR-ed and the conditions inside one entry AND-ed, so "the route's
    // match and this request match" is each entry with the header condition added to it. A header the
    // entry already tests cannot take a second condition: overwriting it would widen the A/B route.
    ArrayNode base = route.has("match") ? (ArrayNode) route.get("match") : ab.arrayNode().add(ab.objectNode());
    ArrayNode combined = ab.putArray("match");
    for (RequestMatch m : matches) {
      Map.Entry<String, ObjectNode> header = MatchConditions.toHeader(m);
      for (int i = 0; i < base.size(); i++) {
        ObjectNode entry = ((ObjectNode) base.get(i)).deepCopy();
        ObjectNode headers = entry.withObjectProperty("headers");
        if (headers.has(header.getKey())) {
          throw new PermanentAdapterException(where() + " already tests header '" + header.getKey() + "' in match["
              + i + "] (" + headers.get(header.getKey()) + "), so the A/B condition on that header ("
              + header.getValue() + ") cannot be combined with it; match A/B traffic on another header, or remove "
              + "that condition from the route");
        }
        headers.set(header.getKey(), header.getValue());
        combined.add(entry);
      }
    }
    return ab;
  }

  private List<RequestMatch> readMatches(ArrayNode http, ObjectNode route) {
    Set<RequestMatch> found = new LinkedHashSet<>();
    for (JsonNode r : http) {
      if (!abRouteName.equals(r.path("name").asText(null))) {
        continue;
      }
      for (JsonNode entry : r.path("match")) {
        for (Map.Entry<String, JsonNode> h : entry.path("headers").properties()) {
          if (!inheritedFrom(route, h.getKey(), h.getValue())) {
            MatchConditions.fromHeader(h.getKey(), h.getValue()).ifPresent(found::add);
          }
        }
      }
    }
    return List.copyOf(found);
  }

  private static boolean inheritedFrom(ObjectNode route, String header, JsonNode condition) {
    for (JsonNode entry : route.path("match")) {
      if (condition.equals(entry.path("headers").path(header))) {
        return true;
      }
    }
    return false;
  }

  private record Weights(int primary, int canary) {}

  /**
   * The primary's and canary's weights; throws when the primary is missing or another destination
   * gets traffic. Destinations other than primary and canary with weight 0 (or none, among several)
   * are allowed: read ignores them and write keeps them, so the two agree.
   */
  private Weights weights(ObjectNode route) {
    JsonNode entries = route.path("route");
    int primary = -1;
    int canary = 0;
    JsonNode unknown = null;
    for (JsonNode entry : entries) {
      // Istio gives a lone destination all traffic and a destination without weight among several none.
      int weight = entry.has("weight") ? entry.path("weight").asInt() : entries.size() == 1 ? 100 : 0;
      if (destinations.isPrimary(entry.path("destination"))) {
        primary = weight;
      } else if (destinations.isCanary(entry.path("destination"))) {
        canary = weight;
      } else if (weight > 0) {
        unknown = entry;
      }
    }
    if (primary < 0) {
      throw missingPrimary(route);
    }
    if (unknown != null) {
      throw unknownDestination(unknown);
    }
    return new Weights(primary, canary);
  }

  private int mainRouteIndex(ArrayNode http) {
    List<String> names = new ArrayList<>();
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < http.size(); i++) {
      String name = http.get(i).path("name").asText(null);
      names.add(name == null ? "<unnamed>" : name);
      if (routeName != null ? routeName.equals(name) : !abRouteName.equals(name)) {
        candidates.add(i);
      }
    }
    if (routeName != null && candidates.isEmpty()) {
      throw new PermanentAdapterException(object + " has no http route named '" + routeName + "'; routes found: " + names);
    }
    if (routeName == null && candidates.size() != 1) {
      throw new PermanentAdapterException(object + " has " + candidates.size()
          + " http routes " + names + "; name the one to manage with routeName");
    }
    return candidates.get(0);
  }

  private ArrayNode http(ObjectNode vs) {
    JsonNode http = vs.path("spec").path("http");
    if (!http.isArray() || http.isEmpty()) {
      throw new PermanentAdapterException(object + " has no spec.http routes; add an HTTP route to the primary ("
          + destinations.describePrimary() + ")");
    }
    return (ArrayNode) http;
  }

  private PermanentAdapterException missingPrimary(ObjectNode route) {
    return new PermanentAdapterException(where(route) + " has no destination for the primary ("
        + destinations.describePrimary() + "); destinations found: " + describe(route));
  }

  private PermanentAdapterException unknownDestination(JsonNode entry) {
    return new PermanentAdapterException(where() + " routes traffic to " + entry.path("destination")
        + ", which is neither the primary (" + destinations.describePrimary() + ") nor the canary ("
        + destinations.describeCanary() + ")");
  }

  private static List<String> describe(ObjectNode route) {
    List<String> found = new ArrayList<>();
    for (JsonNode entry : route.path("route")) {
      JsonNode d = entry.path("destination");
      found.add(d.path("host").asText("<no host>") + (d.has("subset") ? " subset " + d.path("subset").asText() : ""));
    }
    return found;
  }

  private String where() {
    return "http route " + (routeName == null ? "" : "'" + routeName + "' ") + "of " + object;
  }

  private String where(ObjectNode route) {
    String name = route.path("name").asText(null);
    return "http route " + (name == null ? "" : "'" + name + "' ") + "of " + object;
  }
}
