package dev.canary4j.gatewayapi;

import dev.canary4j.kubernetes.RegexLiteral;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.RequestMatch.MatchType;
import dev.canary4j.policy.RequestMatch.Source;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates {@link RequestMatch}es to Gateway API {@code HTTPHeaderMatch}es ({@code type},
 * {@code name}, {@code value}) and back.
 *
 * <p>An HTTPRoute matches headers exactly ({@code Exact}, core support) or by a regular expression
 * ({@code RegularExpression}, whose dialect each implementation chooses). A prefix becomes the
 * expression {@code ^<escaped prefix>.*}; a cookie becomes an expression on the {@code cookie}
 * header that finds {@code name=value} among its {@code ;}-separated pairs. Both are anchored at
 * each end, so they mean the same under implementations that match the whole value (Envoy) and
 * those that search for a match.
 */
final class HeaderMatches {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String EXACT = "Exact";
  private static final String REGULAR_EXPRESSION = "RegularExpression";
  private static final String COOKIE_HEAD = "^(.*?;\\s*)?(";
  private static final String COOKIE_TAIL = ")(;.*)?$";
  private static final Pattern COOKIE = Pattern.compile(
      Pattern.quote(COOKIE_HEAD) + "([A-Za-z0-9!#$%&'*+.^_`|~-]+)=(.*)" + Pattern.quote(COOKIE_TAIL));
  private static final Pattern PREFIX = Pattern.compile("\\^(.*)\\.\\*");

  private HeaderMatches() {}

  /** The header match for {@code match}, e.g. {@code {"type":"Exact","name":"x-user","value":"beta"}}. */
  static ObjectNode toHeader(RequestMatch match) {
    ObjectNode header = NODES.objectNode();
    if (match.source() == Source.HEADER) {
      header.put("type", match.type() == MatchType.EXACT ? EXACT : REGULAR_EXPRESSION);
      header.put("name", match.name());
      header.put("value", switch (match.type()) {
        case EXACT -> match.value();
        case PREFIX -> "^" + RegexLiteral.escape(match.value()) + ".*";
        case REGEX -> match.value();
      });
      return header;
    }
    String value = switch (match.type()) {
      case EXACT -> RegexLiteral.escape(match.value());
      case PREFIX -> RegexLiteral.escape(match.value()) + "[^;]*";
      case REGEX -> "(?:" + match.value() + ")";
    };
    header.put("type", REGULAR_EXPRESSION);
    header.put("name", "cookie");
    header.put("value", COOKIE_HEAD + RegexLiteral.escape(match.name()) + "=" + value + COOKIE_TAIL);
    return header;
  }

  /** The {@link RequestMatch} a header match written by {@link #toHeader} (or by hand) stands for. */
  static RequestMatch fromHeader(JsonNode header) {
    String name = header.path("name").asText();
    String value = header.path("value").asText();
    if (!REGULAR_EXPRESSION.equals(header.path("type").asText(EXACT))) {
      return new RequestMatch(Source.HEADER, name, MatchType.EXACT, value);
    }
    Matcher cookie = COOKIE.matcher(value);
    if (isCookieHeader(name) && cookie.matches()) {
      return cookie(RegexLiteral.unescape(cookie.group(1)), cookie.group(2));
    }
    Matcher prefix = PREFIX.matcher(value);
    if (prefix.matches() && isEscapedLiteral(prefix.group(1))) {
      return new RequestMatch(Source.HEADER, name, MatchType.PREFIX, RegexLiteral.unescape(prefix.group(1)));
    }
    return new RequestMatch(Source.HEADER, name, MatchType.REGEX, value);
  }

  /** Whether {@code a} and {@code b} name the same header (names are case-insensitive). */
  static boolean sameName(String a, String b) {
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }

  private static boolean isCookieHeader(String name) {
    return sameName(name, "cookie");
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

  private static boolean isEscapedLiteral(String s) {
    return RegexLiteral.escape(RegexLiteral.unescape(s)).equals(s);
  }
}
