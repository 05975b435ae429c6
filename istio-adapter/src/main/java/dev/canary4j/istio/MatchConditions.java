package dev.canary4j.istio;

import dev.canary4j.kubernetes.RegexLiteral;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.RequestMatch.MatchType;
import dev.canary4j.policy.RequestMatch.Source;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates {@link RequestMatch}es to Istio {@code HTTPMatchRequest.headers} conditions and back.
 *
 * <p>Istio matches headers only, so a cookie becomes a regex on the {@code cookie} header that
 * finds {@code name=value} among the {@code ;}-separated pairs. Istio (Envoy) regexes are RE2 and
 * must match the whole value, hence the anchored {@code (.*?;\s*)?} prefix and {@code (;.*)?} tail.
 */
final class MatchConditions {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String COOKIE_HEAD = "^(.*?;\\s*)?(";
  private static final String COOKIE_TAIL = ")(;.*)?$";
  private static final Pattern COOKIE = Pattern.compile(
      Pattern.quote(COOKIE_HEAD) + "([A-Za-z0-9!#$%&'*+.^_`|~-]+)=(.*)" + Pattern.quote(COOKIE_TAIL));

  private MatchConditions() {}

  /** The header name and condition for {@code match}, e.g. {@code "x-user" -> {"exact":"beta"}}. */
  static Map.Entry<String, ObjectNode> toHeader(RequestMatch match) {
    ObjectNode condition = NODES.objectNode();
    if (match.source() == Source.HEADER) {
      condition.put(match.type().name().toLowerCase(Locale.ROOT), match.value());
      return Map.entry(match.name().toLowerCase(Locale.ROOT), condition);
    }
    String value = switch (match.type()) {
      case EXACT -> RegexLiteral.escape(match.value());
      case PREFIX -> RegexLiteral.escape(match.value()) + "[^;]*";
      case REGEX -> "(?:" + match.value() + ")";
    };
    condition.put("regex", COOKIE_HEAD + RegexLiteral.escape(match.name()) + "=" + value + COOKIE_TAIL);
    return Map.entry("cookie", condition);
  }

  /** The {@link RequestMatch} a header condition written by {@link #toHeader} stands for. */
  static Optional<RequestMatch> fromHeader(String header, JsonNode condition) {
    Iterator<Map.Entry<String, JsonNode>> fields = condition.properties().iterator();
    if (!fields.hasNext()) {
      return Optional.empty();
    }
    Map.Entry<String, JsonNode> only = fields.next();
    MatchType type = switch (only.getKey()) {
      case "exact" -> MatchType.EXACT;
      case "prefix" -> MatchType.PREFIX;
      case "regex" -> MatchType.REGEX;
      default -> null;
    };
    if (type == null) {
      return Optional.empty();
    }
    String value = only.getValue().asText();
    if (header.equals("cookie") && type == MatchType.REGEX) {
      Matcher m = COOKIE.matcher(value);
      if (m.matches()) {
        return Optional.of(cookie(RegexLiteral.unescape(m.group(1)), m.group(2)));
      }
    }
    return Optional.of(new RequestMatch(Source.HEADER, header, type, value));
  }

  private static RequestMatch cookie(String name, String value) {
    if (value.startsWith("(?:") && value.endsWith(")")) {
      return new RequestMatch(Source.COOKIE, name, MatchType.REGEX, value.substring(3, value.length() - 1));
    }
    if (value.endsWith("[^;]*")) {
      return new RequestMatch(Source.COOKIE, name, MatchType.PREFIX, RegexLiteral.unescape(value.substring(0, value.length() - 5)));
    }
    return new RequestMatch(Source.COOKIE, name, MatchType.EXACT, RegexLiteral.unescape(value));
  }
}
