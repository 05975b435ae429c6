package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code judge} against a real Prometheus over generated Istio traffic. */
class JudgeCommandTest {

  private static final String AT = IstioHistory.START.plus(Duration.ofMinutes(30)).toString();

  @TempDir
  Path dir;

  private CliRun judge(String canary, String... more) throws Exception {
    String[] base = {"judge", "--prometheus", IstioHistory.url(), "--policy", IstioHistory.policy(dir, canary).toString(),
        "--at", AT};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.of(all);
  }

  @Test
  void aCanaryAtThreePercentErrorsFailsWithEveryVerdictPrinted() throws Exception {
    CliRun run = judge("payments");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).containsPattern("request-success-rate +FAIL_LOW +canary 97 +primary 100 +threshold >= 99 +"
            + "canary 97(\\.0)? is below the minimum 99")
        .containsPattern("request-duration +PASS +canary \\d+(\\.\\d+)? +primary \\d+(\\.\\d+)? +threshold <= 500")
        .contains("FAIL: request-success-rate FAIL_LOW");
  }

  @Test
  void aHealthyCanaryPassesAndTheJsonHoldsEveryVerdict() throws Exception {
    Path json = dir.resolve("verdicts.json");

    CliRun run = judge("checkout", "--window", "10m", "--json", json.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("shop/checkout against checkout-primary at " + AT + " over PT10M")
        .contains("PASS: all 2 metric(s) passed");
    JsonNode doc = new ObjectMapper().readTree(Files.readString(json));
    assertThat(doc.get("outcome").asText()).isEqualTo("PASS");
    assertThat(doc.get("verdicts")).extracting(v -> v.get("metric").asText())
        .containsExactly("request-success-rate", "request-duration");
    assertThat(doc.get("verdicts").get(0).get("canary").asDouble()).isEqualTo(100.0);
  }

  @Test
  void aCanaryWithoutTrafficIsInconclusive() throws Exception {
    CliRun run = judge("cart");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).contains("request-success-rate   NO_DATA").contains("INCONCLUSIVE");
  }

  @Test
  void anUnreachablePrometheusIsAProviderErrorNotAFailure() throws Exception {
    CliRun run = CliRun.of("judge", "--prometheus", "http://127.0.0.1:1", "--policy",
        IstioHistory.policy(dir, "checkout").toString(), "--at", AT, "--read-timeout", "2s");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).contains("ERROR").contains("the metric source failed");
  }

  @Test
  void badOptionsAndFilesAreAllReportedAsInvalidInput() {
    CliRun run = CliRun.of("judge", "--prometheus", "ftp://host", "--policy", dir.resolve("nope.yaml").toString(),
        "--basic-auth-user", "ci");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("nope.yaml does not exist").contains("--prometheus: baseUrl must be an http or https URL")
        .doesNotContain("Exception");
  }

  @Test
  void aWindowThatIsNotADurationIsInvalidInput() throws Exception {
    CliRun run = judge("checkout", "--window", "ten minutes");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Expected a duration such as 10m, 1h30m or 90s but was 'ten minutes'");
  }
}
