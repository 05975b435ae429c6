package dev.canary4j.examples.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner, fed by the Prometheus metric source from a real local Prometheus, promotes the healthy canary only. */
class PrometheusAnalysisExampleTest {

  @TempDir
  Path dir;

  @Test
  void promotesTheHealthyCanaryAndRollsBackTheBadOne() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Map<String, PrometheusAnalysisExample.Outcome> outcomes =
        PrometheusAnalysisExample.run(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(outcomes.get("checkout").phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(outcomes.get("checkout").lastVerdicts()).extracting(Verdict::label)
        .containsExactly(VerdictLabel.PASS, VerdictLabel.PASS);
    assertThat(outcomes.get("payments").phase()).isEqualTo(Phase.FAILED);
    assertThat(outcomes.get("payments").lastVerdicts()).extracting(Verdict::label)
        .containsExactly(VerdictLabel.FAIL_LOW, VerdictLabel.FAIL_HIGH);
    assertThat(outcomes.get("payments").lastVerdicts().get(0).canary()).isEqualTo(97.0);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("Rolling out canary shop/checkout", "=> promoted", "Rolling out canary shop/payments",
        "=> rolled back");
    assertThat(text).containsPattern("PROGRESSING +primary  60% canary  40%");
  }
}
