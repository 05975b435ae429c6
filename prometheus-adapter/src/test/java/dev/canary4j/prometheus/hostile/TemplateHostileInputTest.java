package dev.canary4j.prometheus.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.policy.MetricCheck;
import dev.canary4j.prometheus.PromQlTemplate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Query templates written to break out of their placeholders or to stall the renderer. */
class TemplateHostileInputTest {

  @Test
  void aCarriageReturnEndsACommentSoTheThresholdAfterItIsCodeAgain() {
    PromQlTemplate template = PromQlTemplate.of("sum(x) # {{ target }}\r > {{ threshold }}");

    assertThatThrownBy(() -> template.render(Map.of("target", "api", "threshold", "0 or vector(1)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'threshold'")
        .hasMessageContaining("outside a quoted string");
    assertThat(template.render(Map.of("target", "api", "threshold", "0.5"))).isEqualTo("sum(x) # api\r > 0.5");
  }

  @Test
  void aValueWithACarriageReturnCannotEndAComment() {
    assertThatThrownBy(() -> PromQlTemplate.of("x # {{ v }}").render(Map.of("v", "a\r or vector(1)")))
        .hasMessageContaining("line break");
  }

  /** Hang guard only: the quadratic scan took minutes on such a template. */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void unclosedPlaceholdersAreScannedInLinearTime() {
    String template = "sum(x)" + "{{".repeat(500_000);

    assertThat(PromQlTemplate.of(template).render(Map.of())).isEqualTo(template);
    assertThat(PromQlTemplate.of(template).placeholders()).isEmpty();
    assertThat(MetricCheck.named("m").withQuery(template).templateVariablesUsed()).isEmpty();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void manyPlaceholdersAreRenderedInLinearTime() {
    String template = "x{a=\"" + "{{ v }}".repeat(200_000) + "\"}";

    assertThat(PromQlTemplate.of(template).render(Map.of("v", "a"))).hasSize(5 + 200_000 + 2);
  }

  @Test
  void theStandardVariablesAreOfferedForCustomSources() {
    MetricCheck metric = MetricCheck.named("errors").withQuery("q").withMax(1.0).withVariables(Map.of("route", "/pay"));
    Map<String, String> values = PromQlTemplate.variables(metric, new dev.canary4j.policy.Target("shop", "api", "api-primary", "api-canary"),
        "api-canary", java.time.Duration.ofMinutes(5));

    assertThat(values).containsEntry("namespace", "shop").containsEntry("target", "api-canary")
        .containsEntry("canary", "api-canary").containsEntry("primary", "api-primary").containsEntry("interval", "5m")
        .containsEntry("route", "/pay");
    assertThat(PromQlTemplate.of("rate(x{ns=\"{{namespace}}\",r=\"{{ route }}\"}[{{interval}}])").render(values))
        .isEqualTo("rate(x{ns=\"shop\",r=\"/pay\"}[5m])");
  }
}
