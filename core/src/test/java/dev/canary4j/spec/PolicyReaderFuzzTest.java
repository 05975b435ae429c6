package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.canary4j.policy.InvalidPolicyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid policies at random (seeded) and checks that the reader either returns a policy or
 * throws {@link InvalidPolicyException}: never a NullPointerException, a Jackson exception or anything else.
 */
class PolicyReaderFuzzTest {

  private static final long SEED = 20261128L;
  private static final int MUTANTS_PER_DOCUMENT = 300;
  private static final String[] YAML_VALUES = {"", "~", "[]", "{}", "-1", "0", "1e999", "abc", "'x'", "[1, {a: b}]",
      "*x", "&x 1", "!!str 5", "\"\\u0000\"", "0x10", "true", ".5", "100%", "PT", "1h1h", "-5m", "{count: 0}", "[null]",
      "{type: rollout}", "\"{{ x }}\"", "2147483648", "9223372036854775808"};
  private static final String[] FRAGMENTS = {":", "-", "[", "]", "{", "}", ",", "\"", "'", "&a", "*a", "!", "#", "\n",
      "  ", "\t", "?", "|", ">", "%", "@", "`", "---\n", "...\n", "\\", "\u00e9", "\ud83d\ude00"};

  @Test
  void mutatedYamlPoliciesNeverThrowAnythingButInvalidPolicyException() throws IOException {
    List<String> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("../examples/policies"))) {
      for (Path f : files.sorted().toList()) {
        documents.add(Files.readString(f));
      }
    }
    documents.add(PolicyReaderTest.resource("full.yaml"));

    int rejected = fuzz(documents, PolicyReader::fromYaml, YAML_VALUES);

    assertThat(rejected).as("mutants rejected").isGreaterThan(documents.size() * MUTANTS_PER_DOCUMENT / 2);
  }

  @Test
  void mutatedJsonPoliciesNeverThrowAnythingButInvalidPolicyException() {
    String[] jsonValues = {"null", "[]", "{}", "-1", "0", "1e999", "\"abc\"", "[1, {\"a\": \"b\"}]", "true", "0.5",
        "\"100%\"", "\"PT\"", "\"-5m\"", "{\"count\": 0}", "[null]", "2147483648", "9223372036854775808"};

    int rejected = fuzz(List.of(PolicyReaderTest.resource("full.json")), PolicyReader::fromJson, jsonValues);

    assertThat(rejected).as("mutants rejected").isGreaterThan(MUTANTS_PER_DOCUMENT / 2);
  }

  private static int fuzz(List<String> documents, Function<String, ?> reader, String[] values) {
    Random random = new Random(SEED);
    int rejected = 0;
    for (String document : documents) {
      for (int i = 0; i < MUTANTS_PER_DOCUMENT; i++) {
        String mutant = document;
        for (int m = 1 + random.nextInt(3); m > 0; m--) {
          mutant = mutate(mutant, random, values);
        }
        try {
          reader.apply(mutant);
        } catch (InvalidPolicyException e) {
          assertThat(e.violations()).as(mutant).isNotEmpty();
          rejected++;
        } catch (RuntimeException e) {
          fail("Expected a policy or an InvalidPolicyException but got " + e + " for:\n" + mutant, e);
        }
      }
    }
    return rejected;
  }

  private static String mutate(String text, Random random, String[] values) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int at = random.nextInt(Math.max(1, text.length()));
    int line = random.nextInt(lines.size());
    switch (random.nextInt(5)) {
      case 0 -> {
        return text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(10)));
      }
      case 1 -> {
        return text.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + text.substring(at);
      }
      case 2 -> lines.add(line, lines.get(line));
      case 3 -> lines.set(line, lines.set(random.nextInt(lines.size()), lines.get(line)));
      default -> {
        String l = lines.get(line);
        int colon = l.indexOf(": ");
        if (colon >= 0) {
          lines.set(line, l.substring(0, colon + 2) + values[random.nextInt(values.length)]);
        }
      }
    }
    return String.join("\n", lines);
  }
}
