package dev.canary4j.runner;

import static dev.canary4j.runner.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

  @Test
  void writesOneJsonLinePerDecisionWithPhaseWeightsVerdictsAndActions() {
    RunnerFixture f = new RunnerFixture();
    f.metrics.set("request-success-rate", 97.5);
    StringWriter out = new StringWriter();
    CanaryRunner runner = f.builder().listener(new DecisionLog(out)).build();
    runner.register(RunnerFixture.twoSteps().build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    runner.tick(ID);
    runner.tick(ID);

    List<String> lines = Arrays.asList(out.toString().split("\n"));

    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).startsWith("{\"time\":\"2026-01-01T00:00:00Z\",\"canary\":\"shop/podinfo\","
        + "\"kind\":\"decision\",\"input\":\"tick\",\"phase\":\"PROGRESSING\",\"revision\":\"v2\",\"step\":0,"
        + "\"weights\":{\"primary\":75,\"canary\":25,\"mirror\":0},\"verdicts\":[],"
        + "\"actions\":[{\"type\":\"SetTraffic\"");
    assertThat(lines.get(3))
        .contains("\"verdicts\":[{\"metric\":\"request-success-rate\",\"label\":\"FAIL_LOW\",\"canary\":97.5,"
            + "\"primary\":97.5,\"threshold\":\">= 99\",\"reason\":\"canary 97.5 is below the minimum 99\"")
        .contains("{\"metric\":\"request-duration\",\"label\":\"PASS\",\"canary\":120")
        .contains("\"actions\":[]");
    assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
  }

  @Test
  void failuresAreLoggedToo() {
    RunnerEvent.ActionFailed failed = new RunnerEvent.ActionFailed(ID, RunnerFixture.T0,
        new dev.canary4j.Action.Promote("v2"), "deployment \"podinfo-primary\" not found");

    assertThat(DecisionLog.line(failed)).isEqualTo("{\"time\":\"2026-01-01T00:00:00Z\",\"canary\":\"shop/podinfo\","
        + "\"kind\":\"action-failed\",\"action\":{\"type\":\"Promote\",\"revision\":\"v2\"},"
        + "\"reason\":\"deployment \\\"podinfo-primary\\\" not found\"}");
  }
}
