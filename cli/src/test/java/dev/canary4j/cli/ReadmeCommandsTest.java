package dev.canary4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the command lines of the README and the docs true: each names a command and options that exist. */
class ReadmeCommandsTest {

  private static final Pattern COMMAND = Pattern.compile("java -jar \\S*canary4j\\.jar ((?:[^\\n\\\\]|\\\\\\n)*)");

  /** Every {@code java -jar ... canary4j.jar ...} line of {@code file}, continuation lines joined. */
  private static List<String> commands(Path file) throws Exception {
    List<String> found = new ArrayList<>();
    // An inline code span may wrap onto the next line of the paragraph: join it first.
    String text = Pattern.compile("`java -jar [^`]*`").matcher(Files.readString(file))
        .replaceAll(span -> Matcher.quoteReplacement(span.group().replace('\n', ' ')));
    Matcher m = COMMAND.matcher(text);
    while (m.find()) {
      found.add(m.group(1).split("`")[0].replaceAll("\\\\\\n\\s*", " ").replaceAll("\\s*#.*$", "").strip());
    }
    return found;
  }

  /** The words of a command line, quotes removed; placeholders in brackets are left out. */
  private static String[] words(String line) {
    List<String> words = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(line.replaceAll("\\[[^]]*]", ""));
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    return words.toArray(String[]::new);
  }

  @Test
  void theReadmesFirstCommandBuildsTheJarAndRunsTheDemo() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));

    assertThat(readme).contains("./mvnw -q -B -DskipTests package && java -jar cli/target/canary4j.jar demo");
    assertThat(readme.indexOf("java -jar cli/target/canary4j.jar demo")).isLessThan(readme.indexOf("canary4j.jar simulate"));
    assertThat(CliRun.of("demo").exit()).isZero();
  }

  @Test
  void everyCommandLineInTheReadmeAndTheDocsParses() throws Exception {
    List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
    try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<String> checked = new ArrayList<>();
    for (Path file : files) {
      for (String line : commands(file)) {
        String[] args = words(line.replaceAll(" > \\S+", ""));
        assertThatCode(() -> Canary4j.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
            .parseArgs(args)).as(file + ": " + line).doesNotThrowAnyException();
        checked.add(args[0]);
      }
    }
    assertThat(checked).contains("demo", "simulate", "judge", "backtest", "import", "validate", "schema");
  }
}
