package dev.canary4j.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTemplateTest {

  static String render(String template, Map<String, String> values) {
    return new QueryTemplate(template).render(values);
  }

  @Test
  void substitutesPlaceholdersWithOrWithoutSpaces() {
    assertThat(render("rate(x{ns=\"{{namespace}}\",pod=\"{{ target }}\"}[{{ interval }}])",
        Map.of("namespace", "shop", "target", "api", "interval", "5m")))
        .isEqualTo("rate(x{ns=\"shop\",pod=\"api\"}[5m])");
  }

  @Test
  void aValueCannotCloseTheDoubleQuotedStringItIsIn() {
    assertThat(render("x{a=\"{{ v }}\"}", Map.of("v", "\"} or vector(1) or x{a=\"\\")))
        .isEqualTo("x{a=\"\\\"} or vector(1) or x{a=\\\"\\\\\"}");
  }

  @Test
  void aValueCannotCloseTheSingleQuotedStringItIsIn() {
    assertThat(render("x{a='{{ v }}'}", Map.of("v", "'} or vector(1) #\n\"")))
        .isEqualTo("x{a='\\'} or vector(1) #\\n\"'}");
  }

  @Test
  void aValueInARegexMatcherMatchesOnlyItself() {
    assertThat(render("x{pod=~\"{{ target }}-.*\", b !~ '{{ target }}'}", Map.of("target", "api.v1(+)")))
        .isEqualTo("x{pod=~\"api\\\\.v1\\\\(\\\\+\\\\)-.*\", b !~ 'api\\\\.v1\\\\(\\\\+\\\\)'}");
  }

  @Test
  void aValueInAnEqualityMatcherIsNotRegexEscaped() {
    assertThat(render("x{pod=\"{{ target }}\"}", Map.of("target", "a.b"))).isEqualTo("x{pod=\"a.b\"}");
  }

  @Test
  void escapedQuotesInTheTemplateDoNotEndTheString() {
    assertThat(render("x{a=\"q\\\"{{ v }}\"}", Map.of("v", "\""))).isEqualTo("x{a=\"q\\\"\\\"\"}");
  }

  @Test
  void aBackQuotedStringRefusesAValueWithABackQuote() {
    assertThat(render("x{a=`{{ v }}`}", Map.of("v", "a\\b"))).isEqualTo("x{a=`a\\b`}");
    assertThatThrownBy(() -> render("x{a=`{{ v }}`}", Map.of("v", "`} or vector(1)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variable 'v' is inside a back-quoted string");
  }

  @Test
  void outsideStringsOnlyASingleTokenIsAccepted() {
    assertThat(render("x > {{ limit }} and y[{{ interval }}]", Map.of("limit", "0.5", "interval", "1m30s")))
        .isEqualTo("x > 0.5 and y[1m30s]");
    assertThatThrownBy(() -> render("x > {{ limit }}", Map.of("limit", "0 or vector(1)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variable 'limit' is outside a quoted string")
        .hasMessageContaining("but was '0 or vector(1)'");
  }

  @Test
  void aValueInACommentCannotStartANewLine() {
    assertThat(render("x # for {{ v }}\n+ 1", Map.of("v", "a \" b"))).isEqualTo("x # for a \" b\n+ 1");
    assertThatThrownBy(() -> render("x # {{ v }}", Map.of("v", "a\nor vector(1)")))
        .hasMessageContaining("inside a comment");
  }

  @Test
  void quotesInsideACommentDoNotOpenAString() {
    assertThat(render("x # it's\n> {{ v }}", Map.of("v", "3"))).isEqualTo("x # it's\n> 3");
  }

  @Test
  void anUnknownVariableIsNamed() {
    assertThatThrownBy(() -> render("x{a=\"{{ nope }}\"}", Map.of("target", "a")))
        .hasMessageContaining("unknown variable 'nope'");
  }

  @Test
  void controlCharactersAreEscaped() {
    assertThat(PromQlLiterals.quoted("a\u0001b\tc")).isEqualTo("\"a\\u0001b\\tc\"");
  }
}
