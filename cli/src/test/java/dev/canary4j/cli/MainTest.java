package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void theDemoPromotesTheHealthyCanaryAndRollsBackTheBadOneWithOneLinePerTick() {
    CliRun run = CliRun.of("demo");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("[healthy] tick  1  PROGRESSING        primary  90% canary  10%");
    assertThat(run.out()).containsPattern("\\[healthy] tick  2  PROGRESSING +primary  80% canary  20%  success \\d+\\.\\d\\d%  p99 \\d+\\.\\d ms");
    assertThat(run.out()).contains("[healthy] PROMOTED after 8 ticks: request-success-rate PASS");
    assertThat(run.out()).containsPattern("\\[bad] ROLLED BACK after \\d+ ticks: request-success-rate FAIL_LOW - canary \\d+(\\.\\d+)? is below the minimum 99");
  }

  @Test
  void helpListsEveryCommandAndTheSharedExitCodes() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("demo", "simulate", "judge", "backtest", "import", "validate", "schema")
        .contains("Exit codes:").contains("inconclusive / undecided");
  }

  @Test
  void everyCommandAnswersHelpWithAnExampleAndTheExitCodesInsteadOfRunning() {
    CommandNames.all().forEach(command -> {
      CliRun run = CliRun.of((command + " --help").split(" "));
      assertThat(run.exit()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: canary4j " + command).contains("Example:")
          .contains("Exit codes:").doesNotContain("[healthy] tick");
    });
  }

  @Test
  void versionNamesTheBuiltVersion() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).containsPattern("canary4j \\d+\\.\\d+\\.\\d+");
    assertThat(CliRun.of("demo", "--version").out()).containsPattern("canary4j \\d+\\.\\d+\\.\\d+");
  }

  @Test
  void anUnknownCommandIsInvalidInput() {
    CliRun run = CliRun.of("deploy");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument at index 0: 'deploy'");
  }

  @Test
  void noCommandIsInvalidInputWithTheUsage() {
    CliRun run = CliRun.of();

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing a command").contains("Usage: canary4j");
  }

  @Test
  void anUnexpectedFailureExitsWithFourAndItsTraceNotWithTheRolledBackCode() {
    CliRun run = CliRun.of(new String[] {null});

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).contains("NullPointerException");
  }
}
