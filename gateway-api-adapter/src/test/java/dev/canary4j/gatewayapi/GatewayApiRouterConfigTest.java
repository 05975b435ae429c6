package dev.canary4j.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary4j.kubernetes.WriteStrategy;
import dev.canary4j.policy.Target;
import org.junit.jupiter.api.Test;

class GatewayApiRouterConfigTest {

  @Test
  void defaultsNameTheRouteAndServicesLikeTheTargetAndApplyAsCanary4j() {
    GatewayApiRouterConfig config = GatewayApiRouterConfig.ofDefaults();
    Target target = Target.of("shop", "cart");

    assertThat(config.httpRouteName(target)).isEqualTo("cart");
    assertThat(config.backends(target)).isEqualTo(new Backends("shop", "cart-primary", "cart"));
    assertThat(config.ruleName()).isNull();
    assertThat(config.writeStrategy()).isEqualTo(WriteStrategy.SERVER_SIDE_APPLY);
    assertThat(config.fieldManager()).isEqualTo("canary4j");
    assertThat(config.force()).isFalse();
    assertThat(config.maxWriteAttempts()).isEqualTo(5);
    assertThat(config.mirrorPercent()).isEqualTo(MirrorPercent.DETECT);
  }

  @Test
  void settersSayWhatTheyGot() {
    assertThatThrownBy(() -> GatewayApiRouterConfig.custom().services("cart", "cart"))
        .hasMessage("canaryService must differ from primaryService, but both were 'cart'");
    assertThatThrownBy(() -> GatewayApiRouterConfig.custom().ruleName(" "))
        .hasMessage("ruleName must not be blank, but was ' '");
    assertThatThrownBy(() -> GatewayApiRouterConfig.custom().maxWriteAttempts(0))
        .hasMessage("maxWriteAttempts must be between 1 and 100, but was 0");
    assertThatThrownBy(() -> GatewayApiRouterConfig.custom().fieldManager(""))
        .hasMessage("fieldManager must be 1 to 128 characters, but was ''");
  }
}
