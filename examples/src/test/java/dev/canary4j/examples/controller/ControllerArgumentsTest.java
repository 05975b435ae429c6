package dev.canary4j.examples.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerArgumentsTest {

  @Test
  void readsEveryFlag() {
    ControllerArguments a = ControllerArguments.parse(List.of("--kubeconfig", "kc.yaml", "--context", "prod",
        "--prometheus", "http://prom:9090", "--policy", "canary.yaml", "--identity", "pod-1", "--decisions", "d.jsonl", "--router", "gateway-api"),
        "host");

    assertThat(a).isEqualTo(new ControllerArguments(Path.of("kc.yaml"), "prod", "http://prom:9090",
        Path.of("canary.yaml"), "pod-1", Path.of("d.jsonl"), RouterKind.GATEWAY_API));
  }

  @Test
  void optionalFlagsDefaultToTheCurrentContextTheHostNameAndStandardOutput() {
    ControllerArguments a = ControllerArguments.parse(List.of("--kubeconfig", "kc.yaml", "--prometheus",
        "http://prom:9090", "--policy", "canary.yaml"), "host");

    assertThat(a.context()).isNull();
    assertThat(a.identity()).isEqualTo("host");
    assertThat(a.decisions()).isNull();
    assertThat(a.router()).isEqualTo(RouterKind.ISTIO);
  }

  @Test
  void reportsEveryProblemAtOnceWithTheUsage() {
    assertThatThrownBy(() -> ControllerArguments.parse(List.of("--policy", "--verbose", "--router", "linkerd",
        "--kubeconfig"), "host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--policy needs a value; unknown argument '--verbose'; --kubeconfig needs a value;"
            + " --prometheus is required; --router must be one of [istio, gateway-api], but was 'linkerd'\n"
            + ControllerArguments.USAGE);
  }
}
