package dev.canary4j.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.runner.CallPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusConfigTest {

  @Test
  void keepsThePathPrefixAndEndsItWithASlash() {
    assertThat(PrometheusConfig.of("https://thanos.example.com/query/").baseUrl()).hasToString("https://thanos.example.com/query/");
    assertThat(PrometheusConfig.of("http://mimir:8080/prometheus").baseUrl().resolve("api/v1/query"))
        .hasToString("http://mimir:8080/prometheus/api/v1/query");
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    assertThatThrownBy(() -> PrometheusConfig.of("ftp://prom"))
        .hasMessage("baseUrl must be an http or https URL, but was 'ftp://prom'");
    assertThatThrownBy(() -> PrometheusConfig.of("http://prom/?tenant=a"))
        .hasMessageContaining("must not have a query or fragment");
  }

  @Test
  void refusesTimeoutsThatAreNotPositive() {
    assertThatThrownBy(() -> PrometheusConfig.custom("http://prom").readTimeout(Duration.ofSeconds(-1)))
        .hasMessage("readTimeout must be greater than 0, but was PT-1S");
    assertThatThrownBy(() -> PrometheusConfig.custom("http://prom").connectTimeout(Duration.ZERO))
        .hasMessage("connectTimeout must be greater than 0, but was PT0S");
    assertThatThrownBy(() -> PrometheusConfig.custom("http://prom").callBudget(Duration.ZERO))
        .hasMessage("callBudget must be greater than 0, but was PT0S");
  }

  @Test
  void theDefaultCallBudgetEndsACallInsideTheRunnersDefaultTimeLimitPerAttempt() {
    PrometheusConfig config = PrometheusConfig.of("http://prom");

    assertThat(config.callBudget()).isEqualTo(PrometheusConfig.DEFAULT_CALL_BUDGET).isLessThan(CallPolicy.DEFAULT_TIME_LIMIT);
    assertThat(config.toString()).contains("callBudget=PT8S");
  }

  @Test
  void refusesHeadersThatTheAuthSettingsOwn() {
    assertThatThrownBy(() -> PrometheusConfig.custom("http://prom").header("Authorization", "Bearer x"))
        .hasMessageContaining("but was 'Authorization'")
        .hasMessageNotContaining("Bearer x");
  }

  @Test
  void refusesAHeaderValueWithALineBreakWithoutQuotingIt() {
    assertThatThrownBy(() -> PrometheusConfig.custom("http://prom").header("X-Token", "secret\r\nX-Evil: 1"))
        .hasMessageContaining("header 'X-Token'")
        .hasMessageNotContaining("secret");
  }

  @Test
  void refusesTwoKindsOfAuthentication() {
    assertThatThrownBy(() -> PrometheusConfig.custom("http://prom").bearerToken("t").basicAuth("u", "p"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("basicAuth cannot be combined");
  }
}
