package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backtest} over an hour of generated Istio traffic in a real Prometheus. */
class BacktestCommandTest {

  private static final String FROM = IstioHistory.START.plus(Duration.ofMinutes(5)).toString();
  private static final String TO = IstioHistory.START.plus(Duration.ofMinutes(50)).toString();

  @TempDir
  Path dir;

  private CliRun backtest(String canary, String... more) throws Exception {
    String[] base = {"backtest", "--prometheus", IstioHistory.url(), "--policy", IstioHistory.policy(dir, canary).toString(),
        "--from", FROM, "--to", TO};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.of(all);
  }

  @Test
  void theCanaryAtThreePercentErrorsWouldHaveBeenRolledBackAtTheThirdAnalysisNamingTickAndMetric() throws Exception {
    CliRun run = backtest("payments");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    // Tick 1 only shifts 10 % to the canary; ticks 2 to 4 analyse it, and the third failure rolls back.
    assertThat(run.out()).contains("[shop/payments] tick  2  PROGRESSING        primary  90% canary  10%  success 97.00%")
        .contains("[shop/payments] tick  4  FAILED             primary 100% canary   0%")
        .contains("would have rolled back at 13:08 (tick 4: request-success-rate 97 < 99)");
  }

  @Test
  void theHealthyCanaryWouldHaveBeenPromotedAndTheJsonIsTheTimelineFormatOfSimulate() throws Exception {
    Path json = dir.resolve("timeline.json");

    CliRun run = backtest("checkout", "--json", json.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("primary  50% canary  50%").containsPattern("would have promoted at 13:\\d\\d \\(tick \\d+\\)");
    assertThat(Files.readString(json)).startsWith("{\"scenario\":\"backtest shop/checkout\",\"seed\":0,\"outcome\":\"SUCCEEDED\","
        + "\"ticks\":[{\"tick\":1,\"time\":\"2026-03-01T13:05:00Z\"").contains("\"label\":\"PASS\"");
  }

  @Test
  void observedWeightsShowTheCanarysRealShareOfRequests() throws Exception {
    CliRun run = backtest("checkout", "--weights", "observed");

    assertThat(run.out()).contains("observed canary share 50.0%");
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsInvalidInput() throws Exception {
    CliRun run = CliRun.of("backtest", "--prometheus", "http://127.0.0.1:1", "--policy",
        IstioHistory.policy(dir, "checkout").toString(), "--from", TO, "--to", FROM);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--to: must be after --from (" + TO + "), but was " + FROM);
  }
}
