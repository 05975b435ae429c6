package dev.canary4j.runner;

import static dev.canary4j.test.RunnerFixture.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.test.RunnerFixture;
import dev.canary4j.timeline.TimelineFormat;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

  @Test
  void writesOneJsonLinePerDecisionWithPhaseWeightsVerdictsAndActions() {
    RunnerFixture f = new RunnerFixture();
    f.metrics().set("request-success-rate", 97.5);
    StringWriter out = new StringWriter();
    CanaryRunner runner = f.builder().listener(new DecisionLog(out)).build();
    runner.register(RunnerFixture.twoSteps().build());
    runner.observeRevision(ID, "v1");
    runner.observeRevision(ID, "v2");
    runner.tick(ID);
    runner.tick(ID);

    List<String> lines = Arrays.asList(out.toString().split("\n"));

    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).startsWith("{\"version\":1,\"kind\":\"decision\",\"canary\":\"shop/podinfo\","
        + "\"time\":\"2026-01-01T00:00:00Z\",\"input\":\"tick\",\"phase\":\"PROGRESSING\",\"revision\":\"v2\","
        + "\"step\":0,\"weights\":{\"primary\":75,\"canary\":25,\"mirror\":0,\"matches\":[]},"
        + "\"counters\":{\"failures\":0,\"consecutiveFailures\":0,\"inconclusive\":0,\"errors\":0},\"verdicts\":[],"
        + "\"gates\":{},\"actions\":[{\"type\":\"SetTraffic\"");
    assertThat(lines.get(3))
        .contains("\"counters\":{\"failures\":1,")
        .contains("\"verdicts\":[{\"metric\":\"request-success-rate\",\"label\":\"FAIL_LOW\",\"canary\":97.5,"
            + "\"primary\":97.5,\"threshold\":\">= 99\",\"reason\":\"canary 97.5 is below the minimum 99\"")
        .contains("{\"metric\":\"request-duration\",\"label\":\"PASS\",\"canary\":120")
        .contains("\"actions\":[]");
    assertThat(TimelineFormat.check(out.toString())).isEmpty();
    assertThat(TimelineFormat.read(out.toString()).decisions()).hasSize(4);
  }

  @Test
  void failuresAreLoggedToo() {
    RunnerEvent.ActionFailed failed = new RunnerEvent.ActionFailed(ID, RunnerFixture.T0,
        new dev.canary4j.Action.Promote("v2"), "deployment \"podinfo-primary\" not found");

    assertThat(DecisionLog.line(failed)).isEqualTo("{\"version\":1,\"kind\":\"action-failed\",\"canary\":\"shop/podinfo\","
        + "\"time\":\"2026-01-01T00:00:00Z\",\"verdicts\":[],\"gates\":{},"
        + "\"actions\":[{\"type\":\"Promote\",\"details\":{\"revision\":\"v2\"}}],\"performed\":0,\"events\":[],"
        + "\"reason\":\"deployment \\\"podinfo-primary\\\" not found\"}");
    assertThat(TimelineFormat.check(DecisionLog.line(failed))).isEmpty();
  }
}
