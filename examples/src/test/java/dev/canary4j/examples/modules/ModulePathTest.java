package dev.canary4j.examples.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer that is a named module, {@code requires dev.canary4j.test} and nothing else, compiles on
 * the module path and runs a simulation there with a plain {@code java --module-path ... -m}: no
 * {@code --add-modules}, {@code --add-reads} or {@code --add-opens}. The libraries' module
 * descriptors must bring in everything they need at run time (Jackson, commons-math3, OkHttp,
 * resilience4j), and Jackson must be able to write the timeline's records.
 */
class ModulePathTest {

  private static final String MODULE_INFO = """
      module consumer {
        requires dev.canary4j.test;
      }
      """;

  private static final String MAIN = """
      package consumer;

      import dev.canary4j.policy.CanaryPolicy;
      import dev.canary4j.simulation.MetricScript;
      import dev.canary4j.simulation.Scenario;
      import dev.canary4j.simulation.Simulation;
      import dev.canary4j.simulation.Timeline;
      import dev.canary4j.spec.PolicyReader;
      import dev.canary4j.test.RolloutAssertions;
      import java.util.Map;

      public final class Main {
        public static void main(String[] args) {
          CanaryPolicy policy = PolicyReader.fromYaml(String.join("\\n",
              "target: {namespace: shop, name: podinfo}",
              "strategy:",
              "  canary: {stepWeight: 10, maxWeight: 30}",
              "analysis:",
              "  interval: 1m",
              "  metrics:",
              "    - {name: request-success-rate, min: 99}",
              "  limits:",
              "    failureLimit: 2"));
          Timeline timeline = Simulation.run(policy, Scenario.ofValues("module path", 20,
              Map.of("request-success-rate", MetricScript.of(99.9, 90))));
          RolloutAssertions.assertThat(timeline).rolledBack().neverAbove(20).failedOn("request-success-rate");
          System.out.println("outcome " + timeline.outcome() + " in module " + Main.class.getModule().getName()
              + ", core in " + Simulation.class.getModule().getLayer().findModule("dev.canary4j.core").isPresent());
          System.out.println(timeline.toJson());
        }
      }
      """;

  @Test
  void aConsumerModuleRunsASimulationOnTheModulePathWithoutExtraFlags(@TempDir Path dir) throws Exception {
    List<String> modulePath = libraryModulePath();
    Path src = dir.resolve("src/consumer");
    Files.createDirectories(src.resolve("consumer"));
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
    Files.writeString(src.resolve("consumer/Main.java"), MAIN);
    Path classes = dir.resolve("classes");

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("--module-path", String.join(File.pathSeparator, modulePath), "-d", classes.toString(),
            "-Xlint:all", "-Werror"),
        null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
            .getJavaFileObjects(src.resolve("module-info.java"), src.resolve("consumer/Main.java"))).call();
    assertThat(compiled).as("compiling the consumer module: %s", diagnostics).isTrue();

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--module-path");
    command.add(classes + File.pathSeparator + String.join(File.pathSeparator, modulePath));
    command.add("-m");
    command.add("consumer/consumer.Main");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the consumer finished").isTrue();
    String printed = new String(output, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as("exit code; output:%n%s", printed).isZero();
    assertThat(printed).contains("outcome FAILED in module consumer, core in true")
        .contains("\"result\" : \"rolled back\"").doesNotContain("Exception");
  }

  /**
   * The libraries and their dependencies, as the build resolved them for this module: the test class
   * path less this module's own classes and the test runner, whose jars need not be modules.
   */
  private static List<String> libraryModulePath() throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path examples = Path.of("").toAbsolutePath();
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath();
      String name = p.getFileName().toString();
      // A class directory without a descriptor (a module built only up to its tests, in a partial
      // build) would become an automatic module named after the directory, "classes", once per module.
      boolean plainDirectory = Files.isDirectory(p) && !Files.exists(p.resolve("module-info.class"));
      if (p.startsWith(examples) || name.startsWith("surefire") || name.contains("junit-platform-launcher")
          || !Files.exists(p) || plainDirectory) {
        continue;
      }
      entries.add(p.toString());
    }
    assertThat(entries).as("module path").anyMatch(e -> e.contains("core")).anyMatch(e -> e.contains("test-kit")
        || e.contains("canary4j-test"));
    return entries;
  }
}
