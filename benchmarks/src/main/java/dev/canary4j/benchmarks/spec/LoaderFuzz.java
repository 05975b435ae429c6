package dev.canary4j.benchmarks.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.policy.Violation;
import dev.canary4j.spec.PolicyReader;
import dev.canary4j.simulation.ScenarioException;
import dev.canary4j.simulation.ScenarioReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Feeds the policy and scenario loaders generated documents, mutated from the example files with a
 * fixed seed, and counts how each was answered: accepted, a typed error with a path, a typed error
 * without one, anything else (an untyped exception or error), and answers that took more than one
 * second of CPU time. The last two must be 0.
 *
 * <p>Run from the repository root, with the heap the loaders must stay within:
 * <pre>
 * ./mvnw -q -B -DskipTests package && java -Xmx256m -cp benchmarks/target/canary4j-benchmarks.jar \
 *   dev.canary4j.benchmarks.spec.LoaderFuzz 5000
 * </pre>
 */
public final class LoaderFuzz {

  private static final long SLOW_NANOS = 1_000_000_000L;
  private static final String ALPHABET = "{}[]:,-'\"\n\t #&*!|>%?@`\\0123456789.eE+abcxyz_é\u0000\u001b\u0085\u2028\uFEFF\uD800";
  private static final String[] HOSTILE = {"{{", "9", "1s", "&a [*a, *a, *a]\n", "[", "{", "- ", "x: 1\n", ".inf", "NaN",
      "1e99999", "P9999999999999D", "\"\\u0000\"", "'", "!!binary ", "<<: *a\n", "\r", "{{ target }}", "%YAML 1.1\n---\n"};

  private LoaderFuzz() {}

  /** What one document got. */
  private enum Outcome { ACCEPTED, TYPED_WITH_PATH, TYPED_WITHOUT_PATH, OTHER }

  /** Runs {@code args[0]} documents (5000 by default) with seed {@code args[1]} (42 by default). */
  public static void main(String[] args) throws IOException {
    int documents = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
    List<String> policies = seeds(Path.of("examples/policies"));
    List<String> scenarios = seeds(Path.of("examples/scenarios"));
    if (policies.isEmpty() || scenarios.isEmpty()) {
      throw new IllegalStateException("Run from the repository root: no seed files in examples/policies or examples/scenarios");
    }
    List<String> jsonPolicies = new ArrayList<>();
    for (String yaml : policies) {
      jsonPolicies.add(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(new YAMLMapper().readTree(yaml)));
    }
    SplittableRandom random = new SplittableRandom(seed);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] counts = new long[Outcome.values().length];
    long slow = 0;
    long slowest = 0;
    long largest = 0;
    List<String> others = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      int kind = random.nextInt(3);
      String base = kind == 0 ? pick(random, policies) : kind == 1 ? pick(random, jsonPolicies) : pick(random, scenarios);
      String document = mutate(base, random);
      largest = Math.max(largest, document.length());
      long started = cpu.getCurrentThreadCpuTime();
      Outcome outcome;
      try {
        if (kind == 0) {
          PolicyReader.fromYaml(document);
        } else if (kind == 1) {
          PolicyReader.fromJson(document);
        } else {
          ScenarioReader.fromYaml(document);
        }
        outcome = Outcome.ACCEPTED;
      } catch (InvalidPolicyException e) {
        outcome = classify(e.violations());
      } catch (ScenarioException e) {
        outcome = classify(e.violations());
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        outcome = Outcome.OTHER;
        if (others.size() < 5) {
          others.add("document " + i + ": " + e);
        }
      }
      long took = cpu.getCurrentThreadCpuTime() - started;
      slowest = Math.max(slowest, took);
      if (took > SLOW_NANOS) {
        slow++;
        if (others.size() < 10) {
          others.add(String.format(Locale.ROOT, "document %d (%s, %d characters): %.0f ms of CPU", i,
              kind == 0 ? "YAML policy" : kind == 1 ? "JSON policy" : "scenario", document.length(), took / 1e6));
          String dump = System.getProperty("loaderfuzz.dump");
          if (dump != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(dump, "slow-" + i + ".txt"), document);
          }
        }
      }
      counts[outcome.ordinal()]++;
    }
    System.out.printf(Locale.ROOT, "documents:                  %d (seed %d, largest %d characters)%n", documents, seed, largest);
    System.out.printf(Locale.ROOT, "accepted:                   %d%n", counts[Outcome.ACCEPTED.ordinal()]);
    System.out.printf(Locale.ROOT, "typed error with a path:    %d%n", counts[Outcome.TYPED_WITH_PATH.ordinal()]);
    System.out.printf(Locale.ROOT, "typed error without a path: %d%n", counts[Outcome.TYPED_WITHOUT_PATH.ordinal()]);
    System.out.printf(Locale.ROOT, "anything else:              %d%n", counts[Outcome.OTHER.ordinal()]);
    System.out.printf(Locale.ROOT, "slower than 1 s (CPU):      %d (slowest %.0f ms)%n", slow, slowest / 1e6);
    System.out.printf(Locale.ROOT, "max heap:                   %d MB%n", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    others.forEach(o -> System.out.println("  " + o));
  }

  /** A typed error has a path when one of its violations names a field or a line and column, not the whole document. */
  private static Outcome classify(List<Violation> violations) {
    boolean located = violations.stream().anyMatch(v -> !v.path().equals("(document)") && !v.path().isBlank());
    return located ? Outcome.TYPED_WITH_PATH : Outcome.TYPED_WITHOUT_PATH;
  }

  private static List<String> seeds(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> texts = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        texts.add(Files.readString(file));
      }
      return texts;
    }
  }

  private static String pick(SplittableRandom random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  /** One to four mutations: changed, deleted, repeated or inserted text, some of it built to be costly to read. */
  static String mutate(String text, SplittableRandom random) {
    StringBuilder doc = new StringBuilder(text);
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      int at = doc.length() == 0 ? 0 : random.nextInt(doc.length());
      switch (random.nextInt(7)) {
        case 0 -> {
          if (doc.length() > 0) {
            doc.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          }
        }
        case 1 -> doc.delete(at, Math.min(doc.length(), at + 1 + random.nextInt(40)));
        case 2 -> {
          int end = Math.min(doc.length(), at + 1 + random.nextInt(200));
          String piece = doc.substring(at, end);
          doc.insert(at, piece.repeat(1 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 4)));
        }
        case 3 -> {
          String token = HOSTILE[random.nextInt(HOSTILE.length)];
          int times = random.nextInt(3) == 0 ? 1 + random.nextInt(400_000 / token.length()) : 1 + random.nextInt(8);
          doc.insert(at, token.repeat(times));
        }
        case 4 -> doc.setLength(at);
        case 5 -> doc.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        default -> {
          // Replace a number with one of many digits, or a value with another kind.
          String[] values = {"9".repeat(1 + random.nextInt(300_000)), "-1", "0", "1e308", "1.5h", "\"\"", "null", "[]", "{}", "yes"};
          int colon = doc.indexOf(": ", at);
          if (colon >= 0) {
            int eol = doc.indexOf("\n", colon);
            doc.replace(colon + 2, eol < 0 ? doc.length() : eol, values[random.nextInt(values.length)]);
          }
        }
      }
    }
    return doc.toString();
  }
}
