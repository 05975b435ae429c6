package dev.canary4j.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryTemplateTest {

  static String render(String template, Map<String, String> values) {
    return new QueryTemplate(template).render(values);
  }

  /** The policy's load-time check must name exactly the variables rendering asks for, or a template fails only at run time. */
  @ParameterizedTest
  @ValueSource(strings = {"x{a=\"{{ my var }}\"}", "x{a=\"{{{ target }}}\"}", "x{a=\"{{namespace}}\"} / {{ b }}",
      "x{a=\"{{\n target \n}}\"}", "x{a=\"{{ }}\"}", "x{a=\"{{ a }}{{ b }}\"}", "sum({{v}}) by (x) # {{ c }}"})
  void thePolicysLoadTimeCheckReadsPlaceholdersAsRenderingDoes(String template) {
    java.util.Set<String> used = dev.canary4j.policy.MetricCheck.named("m").withQuery(template).templateVariablesUsed();
    Map<String, String> values = new java.util.HashMap<>();
    used.forEach(name -> values.put(name, "1"));

    assertThat(render(template, values)).doesNotContain("{{");
    for (String name : used) {
      Map<String, String> missing = new java.util.HashMap<>(values);
      missing.remove(name);
      assertThatThrownBy(() -> render(template, missing)).hasMessageContaining("'" + name + "'");
    }
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

  @ParameterizedTest
  @ValueSource(strings = {"0", "42", "-1", "+3", "0.5", "-0.25", ".5", "5.", "1e3", "-2.5E-3", "6.02e+23"})
  void aNumberIsAcceptedOutsideStrings(String number) {
    assertThat(render("x > {{ v }}", Map.of("v", number))).isEqualTo("x > " + number);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5m", "30s", "500ms", "1h30m", "2d", "1w", "1y", "1h30m15s250ms"})
  void aDurationIsAcceptedOutsideStrings(String duration) {
    assertThat(render("rate(x[{{ interval }}])", Map.of("interval", duration))).isEqualTo("rate(x[" + duration + "])");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http_requests_total", "job:errors:rate5m", "_private", "pod", "Inf", "NaN", "order", "bytes"})
  void aNameThatIsNotAKeywordIsAcceptedOutsideStrings(String name) {
    assertThat(render("sum by ({{ v }}) (x)", Map.of("v", name))).isEqualTo("sum by (" + name + ") (x)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5m:1m", "5m:", "1m30", "5 m", "30m1h", "-5m", "1.5m", "5m30"})
  void aSubqueryOrMalformedDurationIsRejectedOutsideStrings(String value) {
    assertThatThrownBy(() -> render("rate(x[{{ interval }}])", Map.of("interval", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variable 'interval' is outside a quoted string")
        .hasMessageContaining("but was '" + value + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"or", "and", "unless", "by", "without", "offset", "bool", "on", "ignoring", "group_left",
      "group_right", "atan2", "sum", "topk", "count_values", "OR", "Offset", "Group_Left"})
  void aPromQlKeywordIsRejectedOutsideStrings(String keyword) {
    assertThatThrownBy(() -> render("x > {{ threshold }}", Map.of("threshold", keyword)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variable 'threshold' is outside a quoted string")
        .hasMessageContaining("not a PromQL keyword")
        .hasMessageContaining("but was '" + keyword + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1e", "1.2.3", "0x1f", "a.b", "a-b", "1 ", "@ 100", "x{a=\"b\"}", "1)", "-", "--1", "9abc"})
  void anythingElseIsRejectedOutsideStrings(String value) {
    assertThatThrownBy(() -> render("x > {{ v }}", Map.of("v", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variable 'v' is outside a quoted string")
        .hasMessageContaining("but was '" + value + "'");
  }

  @Test
  void aKeywordOrSubqueryIsStillAcceptedInsideAString() {
    assertThat(render("x{a=\"{{ v }}\", b='{{ w }}'}", Map.of("v", "or", "w", "5m:1m"))).isEqualTo("x{a=\"or\", b='5m:1m'}");
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
