package dev.canary4j.examples.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusAnalysisExampleTest {

  @TempDir
  Path dir;

  @Test
  void promotesTheHealthyCanaryAndRollsBackTheBadOne() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Map<String, List<Verdict>> verdicts = PrometheusAnalysisExample.run(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(verdicts.get("checkout")).extracting(Verdict::label).containsExactly(VerdictLabel.PASS, VerdictLabel.PASS);
    assertThat(verdicts.get("payments")).extracting(Verdict::label).containsExactly(VerdictLabel.FAIL_LOW, VerdictLabel.FAIL_HIGH);
    assertThat(verdicts.get("payments").get(0).canary()).isEqualTo(97.0);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Canary shop/checkout", "=> promote", "Canary shop/payments", "=> roll back");
  }
}
