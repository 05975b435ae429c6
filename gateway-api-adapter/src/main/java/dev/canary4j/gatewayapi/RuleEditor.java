package dev.canary4j.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.TrafficSplit;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.spi.PermanentAdapterException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes a {@link TrafficSplit} on one rule of an HTTPRoute, as a Jackson tree so that
 * every field it does not touch (other rules, filters, timeouts, parentRefs, fields of newer Gateway
 * API releases) is kept as it was. Pure: no I/O.
 *
 * <p>Weights are the {@code weight}s of the rule's primary and canary {@code backendRefs}; the API
 * reads them as proportions (a missing weight is 1), canary4j writes them as percentages summing
 * to 100. The mirror is a {@code RequestMirror} filter on that rule whose backend is the canary. The
 * A/B rule is a copy of the managed rule placed just before it, whose only backend is the canary
 * and whose matches are the managed rule's matches each with one header condition added; it is
 * recognised by that shape and place.
 */
final class RuleEditor {

  private static final String MIRROR = "RequestMirror";

  private final String object;
  private final String ruleName;
  private final Backends backends;

  /** An editor of {@code object}'s rule {@code ruleName} ({@code null}: the only rule routing to the primary). */
  RuleEditor(String object, String ruleName, Backends backends) {
    this.object = object;
    this.ruleName = ruleName;
    this.backends = backends;
  }

  /** The split {@code route} applies now. */
  TrafficSplit read(ObjectNode route) {
    ArrayNode rules = rules(route);
    int index = mainRuleIndex(rules);
    ObjectNode rule = (ObjectNode) rules.get(index);
    Weights w = weights(rule, index);
    int canary = (int) Math.round(100.0 * w.canary / (w.primary + w.canary));
    int mirror = 0;
    for (JsonNode filter : rule.path("filters")) {
      if (isOurMirror(filter)) {
        mirror = percentOf(filter.path("requestMirror"));
      }
    }
    return new TrafficSplit(100 - canary, canary, mirror, readMatches(rules, index));
  }

  /** A copy of {@code route} applying {@code split}. */
  ObjectNode write(ObjectNode route, TrafficSplit split) {
    ObjectNode copy = route.deepCopy();
    ArrayNode rules = rules(copy);
    int index = mainRuleIndex(rules);
    if (index > 0 && isAbRule(rules.get(index - 1))) {
      rules.remove(index - 1);
      index--;
    }
    ObjectNode rule = (ObjectNode) rules.get(index);
    weights(rule, index);
    ObjectNode primary = null;
    ObjectNode canary = null;
    List<JsonNode> others = new ArrayList<>();
    for (JsonNode ref : rule.path("backendRefs")) {
      if (backends.isPrimary(ref)) {
        primary = (ObjectNode) ref;
      } else if (backends.isCanary(ref)) {
        canary = (ObjectNode) ref;
      } else {
        others.add(ref);
      }
    }
    if (canary == null) {
      canary = backends.canaryLike(primary);
    }
    primary.put("weight", split.primary());
    canary.put("weight", split.canary());
    // Other backends passed the check above, so they get no traffic; they stay as they were, after
    // primary and canary, as read() ignores them.
    ArrayNode refs = rule.putArray("backendRefs").add(primary).add(canary);
    others.forEach(refs::add);
    writeMirror(rule, canary, split.mirror());
    if (!split.matches().isEmpty()) {
      rules.insert(index, abRule(rule, canary, split.matches(), index));
    }
    return copy;
  }

  private void writeMirror(ObjectNode rule, ObjectNode canary, int percent) {
    ArrayNode filters = rule.has("filters") ? (ArrayNode) rule.get("filters") : rule.arrayNode();
    for (int i = filters.size() - 1; i >= 0; i--) {
      if (isOurMirror(filters.get(i))) {
        filters.remove(i);
      }
    }
    if (percent > 0) {
      ObjectNode mirror = filters.addObject().put("type", MIRROR).putObject("requestMirror");
      ObjectNode ref = canary.deepCopy();
      ref.remove("weight");
      ref.remove("filters");
      mirror.set("backendRef", ref);
      if (percent < 100) {
        mirror.put("percent", percent);
      }
    }
    if (filters.isEmpty()) {
      rule.remove("filters");
    } else {
      rule.set("filters", filters);
    }
  }

  private ObjectNode abRule(ObjectNode rule, ObjectNode canary, List<RequestMatch> matches, int index) {
    ObjectNode ab = rule.deepCopy();
    if (rule.has("name")) {
      // Rule names are unique within a route; the copy takes a name of its own.
      ab.put("name", rule.path("name").asText() + "-canary4j-ab");
    }
    writeMirror(ab, canary, 0);
    ObjectNode ref = canary.deepCopy();
    ref.remove("weight");
    ab.putArray("backendRefs").add(ref);
    // Entries of a match list are OR-ed and the conditions inside one entry AND-ed, so "the rule's
    // match and this request match" is each entry with the header condition added to it. The extra
    // header also makes each entry more specific than the one it came from, which Gateway API ranks
    // first whatever the rule order. A header the entry already tests cannot take a second condition.
    ArrayNode base = rule.has("matches") && !rule.get("matches").isEmpty()
        ? (ArrayNode) rule.get("matches") : ab.arrayNode().add(ab.objectNode());
    ArrayNode combined = ab.putArray("matches");
    for (RequestMatch m : matches) {
      ObjectNode header = HeaderMatches.toHeader(m);
      for (int i = 0; i < base.size(); i++) {
        ObjectNode entry = ((ObjectNode) base.get(i)).deepCopy();
        ArrayNode headers = entry.withArrayProperty("headers");
        for (JsonNode existing : headers) {
          if (HeaderMatches.sameName(existing.path("name").asText(), header.path("name").asText())) {
            throw new PermanentAdapterException(where(index) + " already tests header '" + existing.path("name").asText()
                + "' in matches[" + i + "] (" + existing + "), so the A/B condition on that header (" + header
                + ") cannot be combined with it; match A/B traffic on another header, or remove that condition from the rule");
          }
        }
        headers.add(header);
        combined.add(entry);
      }
    }
    return ab;
  }

  private List<RequestMatch> readMatches(ArrayNode rules, int index) {
    if (index == 0 || !isAbRule(rules.get(index - 1))) {
      return List.of();
    }
    JsonNode main = rules.get(index);
    Set<RequestMatch> found = new LinkedHashSet<>();
    for (JsonNode entry : rules.get(index - 1).path("matches")) {
      for (JsonNode header : entry.path("headers")) {
        if (!inheritedFrom(main, header)) {
          found.add(HeaderMatches.fromHeader(header));
        }
      }
    }
    return List.copyOf(found);
  }

  private static boolean inheritedFrom(JsonNode main, JsonNode header) {
    for (JsonNode entry : main.path("matches")) {
      for (JsonNode h : entry.path("headers")) {
        if (h.equals(header)) {
          return true;
        }
      }
    }
    return false;
  }

  /** canary4j's A/B rule: matches, and the canary as its only backend. */
  private boolean isAbRule(JsonNode rule) {
    JsonNode refs = rule.path("backendRefs");
    return refs.size() == 1 && backends.isCanary(refs.get(0)) && !rule.path("matches").isEmpty();
  }

  private boolean isOurMirror(JsonNode filter) {
    return MIRROR.equals(filter.path("type").asText()) && backends.isCanary(filter.path("requestMirror").path("backendRef"));
  }

  /** The mirrored share in percent: {@code percent}, else {@code fraction}, else every request. */
  private static int percentOf(JsonNode mirror) {
    if (mirror.path("percent").isNumber()) {
      return mirror.path("percent").asInt();
    }
    JsonNode fraction = mirror.path("fraction");
    if (fraction.path("numerator").isNumber()) {
      int denominator = fraction.path("denominator").asInt(100);
      return (int) Math.round(100.0 * fraction.path("numerator").asInt() / denominator);
    }
    return 100;
  }

  private record Weights(int primary, int canary) {}

  /**
   * The primary's and canary's weights; throws when the primary is missing, another backend gets
   * traffic, or no backend does. Other backends with weight 0 are allowed: read ignores them and
   * write keeps them, so the two agree.
   */
  private Weights weights(ObjectNode rule, int index) {
    int primary = -1;
    int canary = 0;
    JsonNode unknown = null;
    for (JsonNode ref : rule.path("backendRefs")) {
      // The API gives a backendRef without a weight the weight 1.
      int weight = ref.has("weight") ? ref.path("weight").asInt() : 1;
      if (backends.isPrimary(ref)) {
        primary = weight;
      } else if (backends.isCanary(ref)) {
        canary = weight;
      } else if (weight > 0) {
        unknown = ref;
      }
    }
    if (primary < 0) {
      throw new PermanentAdapterException(where(index) + " has no backendRef to the primary (" + backends.describePrimary()
          + "); backendRefs found: " + rule.path("backendRefs"));
    }
    if (unknown != null) {
      throw new PermanentAdapterException(where(index) + " sends traffic to " + unknown + ", which is neither the primary ("
          + backends.describePrimary() + ") nor the canary (" + backends.describeCanary() + ")");
    }
    if (primary + canary == 0) {
      throw new PermanentAdapterException(where(index) + " gives the primary and the canary weight 0, so it serves no traffic");
    }
    return new Weights(primary, canary);
  }

  private int mainRuleIndex(ArrayNode rules) {
    List<String> names = new ArrayList<>();
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      String name = rule.path("name").asText(null);
      names.add(name == null ? "<unnamed>" : name);
      boolean candidate = ruleName != null ? ruleName.equals(name) : routesToPrimary(rule);
      if (candidate) {
        candidates.add(i);
      }
    }
    if (ruleName != null && candidates.isEmpty()) {
      throw new PermanentAdapterException(object + " has no rule named '" + ruleName + "'; rules found: " + names);
    }
    if (ruleName == null && candidates.size() != 1) {
      throw new PermanentAdapterException(object + " has " + candidates.size() + " rules routing to the primary ("
          + backends.describePrimary() + ") among its rules " + names + "; name the one to manage with ruleName");
    }
    return candidates.get(0);
  }

  private boolean routesToPrimary(JsonNode rule) {
    for (JsonNode ref : rule.path("backendRefs")) {
      if (backends.isPrimary(ref)) {
        return true;
      }
    }
    return false;
  }

  private ArrayNode rules(ObjectNode route) {
    JsonNode rules = route.path("spec").path("rules");
    if (!rules.isArray() || rules.isEmpty()) {
      throw new PermanentAdapterException(object + " has no spec.rules; add a rule with a backendRef to the primary ("
          + backends.describePrimary() + ")");
    }
    return (ArrayNode) rules;
  }

  private String where(int index) {
    return (ruleName != null ? "rule '" + ruleName + "'" : "rule " + index) + " of " + object;
  }
}
