package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.policy.Violation;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents built to cost the loaders time or memory are answered with a typed error at once. The
 * timeouts are hang guards only (each of these inputs took from 18 s to minutes before); the speed
 * itself is measured by the loader fuzzing benchmark.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BoundedLoadingTest {

  @TempDir
  Path dir;

  private static List<Violation> policyViolations(String yaml) {
    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromYaml(yaml));
    assertThat(e).as("expected an InvalidPolicyException").isNotNull();
    return e.violations();
  }

  @Test
  void aDocumentAboveTheSizeLimitIsRefusedBeforeItIsParsed() throws Exception {
    String big = PolicyReaderTest.MINIMAL + "note: \"" + "x".repeat(500_000) + "\"\n";
    Path json = Files.writeString(dir.resolve("big.json"), "{\"target\": \"" + "y".repeat(3_000_000) + "\"}");

    assertThat(policyViolations(big)).singleElement().hasToString(
        "(document): must be at most 262144 bytes (256 KiB) of UTF-8 text, but was at least " + big.length() + " bytes");
    assertThat(catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.read(json)).violations())
        .singleElement().hasToString("(document): must be at most 262144 bytes (256 KiB) of UTF-8 text, but was 3000014 bytes");
    Reader endless = new StringReader("{\"a\": \"" + "z".repeat(5_000_000));
    assertThat(catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromJson(endless, "stdin")).violations())
        .singleElement().extracting(Violation::found).isEqualTo("more than 262144 bytes");
  }

  @Test
  void multiByteCharactersCountAsTheirUtf8Bytes() {
    String text = PolicyReaderTest.MINIMAL + "# " + "é".repeat(150_000) + "\n";

    assertThat(policyViolations(text)).singleElement().extracting(Violation::message)
        .isEqualTo("must be at most 262144 bytes (256 KiB) of UTF-8 text");
  }

  @Test
  void aDurationOfAQuarterMillionDigitsIsRefusedUnparsed() {
    assertThat(policyViolations(PolicyReaderTest.MINIMAL + "progressDeadline: " + "9".repeat(250_000) + "s\n"))
        .singleElement().satisfies(v -> {
          assertThat(v.path()).isEqualTo("progressDeadline");
          assertThat(v.message()).startsWith("must be a duration of at most 100 characters");
          assertThat(v.found()).hasSizeLessThan(250);
        });
  }

  @Test
  void numbersWithTooManyDigitsAreRefusedUnparsed() {
    String digits = "1".repeat(100_000);
    List<Violation> violations = policyViolations(PolicyReaderTest.MINIMAL.replace("min: 99", "min: " + digits)
        .replace("stepWeight: 10", "stepWeight: " + digits));

    assertThat(violations).extracting(Violation::path).contains("strategy.canary.stepWeight", "analysis.metrics[0].min");
    assertThat(violations).allSatisfy(v -> assertThat(v.toString()).hasSizeLessThan(600));
    assertThat(violations).anySatisfy(v -> assertThat(v.message()).isEqualTo("must be a number of at most 100 characters"));
  }

  @Test
  void tenThousandDuplicateKeysAndFiftyInvalidMetricsAreAllReported() {
    StringBuilder yaml = new StringBuilder(PolicyReaderTest.MINIMAL);
    for (int i = 0; i < 50; i++) {
      yaml.append("    - {name: m").append(i).append(", query: q, min: 5, max: 1}\n");
    }
    yaml.append("promotion:\n");
    for (int i = 0; i < 10_000; i++) {
      yaml.append("  x: ").append(i).append('\n');
    }

    List<Violation> violations = policyViolations(yaml.toString());

    assertThat(violations).filteredOn(v -> v.message().startsWith("must appear only once")).hasSize(9_999);
    assertThat(violations).filteredOn(v -> v.message().startsWith("must be greater than min")).hasSize(50);
  }

  @Test
  void aTemplateOfUnclosedPlaceholdersIsCheckedInLinearTime() {
    String query = "sum(x)" + "{{".repeat(100_000);

    assertThat(policyViolations(PolicyReaderTest.MINIMAL + "    - {name: q, query: '" + query + "', min: 5, max: 1}\n"))
        .extracting(Violation::path).containsExactly("analysis.metrics[1].max");
  }

  @Test
  void controlCharactersArePrintedAsEscapes() {
    InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyReader.fromJson(
        "{\"target\": {\"namespace\": \"shop\", \"name\": \"api\", \"bad\\u0000key\\u001b[31m\": 1}}"));

    assertThat(e.getMessage()).doesNotContain("\u0000").doesNotContain("\u001b").contains("bad\\u0000key\\u001b[31m");
    assertThat(e.violations()).allSatisfy(v -> assertThat(v.toString()).doesNotContain("\u0000"));
  }

  @Test
  void aLongValueIsQuotedOnlyInPart() {
    List<Violation> violations = policyViolations(PolicyReaderTest.MINIMAL.replace("podinfo", "p".repeat(100_000)));

    assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v.toString()).hasSizeLessThan(1500));
  }
}
