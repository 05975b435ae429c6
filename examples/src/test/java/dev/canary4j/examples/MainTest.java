package dev.canary4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theDemoPromotesTheHealthyCanaryAndRollsBackTheBadOneWithOneLinePerTick() {
    int exit = run("demo");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    assertThat(printed).contains("[healthy] tick  1  PROGRESSING        primary  90% canary  10%");
    // The tests look every 10 s; the weight steps once a minute.
    assertThat(printed).contains("[healthy] tick  6  PROGRESSING        primary  90% canary  10%  success PASS     p99 PASS");
    assertThat(printed).contains("[healthy] tick  7  PROGRESSING        primary  80% canary  20%  success PASS     p99 PASS");
    assertThat(printed).contains("[healthy] PROMOTED after 33 ticks: request-success-rate PASS - log likelihood ratio");
    assertThat(printed).containsPattern("\\[bad] ROLLED BACK after \\d ticks: request-duration FAIL_HIGH - evidence \\S+ for \\S+ x"
        + " against 1 x the primary's rate \\(or twice that\\) reached 1/alpha = 200: worse than allowed");
  }

  @Test
  void anUnknownCommandIsInvalidInput() {
    assertThat(run("deploy")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'deploy'");
  }

  @Test
  void anUnexpectedFailureExitsWithFourAndItsTraceNotWithTheRolledBackCode() {
    assertThat(run(new String[] {null})).isEqualTo(4);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unexpected failure").contains("NullPointerException");
  }
}
