package dev.canary4j.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.RequestMatch.MatchType;
import dev.canary4j.policy.RequestMatch.Source;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderMatchesTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static ObjectNode header(String type, String name, String value) {
    ObjectNode h = JSON.createObjectNode();
    if (type != null) {
      h.put("type", type);
    }
    return h.put("name", name).put("value", value);
  }

  @Test
  void everyKindOfRequestMatchReadsBackAsItself() {
    for (Source source : Source.values()) {
      for (MatchType type : MatchType.values()) {
        RequestMatch match = new RequestMatch(source, "x-track", type, type == MatchType.REGEX ? "b(eta|ravo)" : "v1.2+[x]");

        assertThat(HeaderMatches.fromHeader(HeaderMatches.toHeader(match))).as("%s", match).isEqualTo(match);
      }
    }
  }

  @Test
  void aPrefixMatchesOnlyValuesStartingWithItsLiteralText() {
    Pattern prefix = Pattern.compile(HeaderMatches.toHeader(
        new RequestMatch(Source.HEADER, "x-version", MatchType.PREFIX, "2.1+")).path("value").asText());

    assertThat(prefix.matcher("2.1+beta").matches()).isTrue();
    assertThat(prefix.matcher("2x1+beta").matches()).isFalse();
    assertThat(prefix.matcher("v2.1+").matches()).isFalse();
  }

  @Test
  void aHeaderWithoutTypeIsExactAsTheApiDefaultsIt() {
    assertThat(HeaderMatches.fromHeader(header(null, "x-user", "beta"))).isEqualTo(RequestMatch.headerExact("x-user", "beta"));
  }

  @Test
  void aHandWrittenExpressionIsReadAsARegexNotAPrefix() {
    assertThat(HeaderMatches.fromHeader(header("RegularExpression", "x-user", "^be.a.*")))
        .isEqualTo(new RequestMatch(Source.HEADER, "x-user", MatchType.REGEX, "^be.a.*"));
    assertThat(HeaderMatches.fromHeader(header("RegularExpression", "Cookie", "session=.*")))
        .isEqualTo(new RequestMatch(Source.HEADER, "Cookie", MatchType.REGEX, "session=.*"));
  }

  @Test
  void headerNamesCompareWithoutCase() {
    assertThat(HeaderMatches.sameName("X-User", "x-user")).isTrue();
    assertThat(HeaderMatches.sameName("x-user", "x-users")).isFalse();
  }
}
