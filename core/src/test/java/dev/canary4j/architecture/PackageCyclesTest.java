package dev.canary4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads the main sources of every module beside this one and checks that no two packages depend on
 * each other, directly or through others: a cycle makes packages impossible to split into modules
 * and to understand one at a time.
 */
class PackageCyclesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
  // Imports, static imports and fully qualified names in code all count; the package is the part
  // before the first capitalised segment.
  private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.canary4j(?:\\.[a-z_][a-z0-9_]*)*)\\.(?:[A-Z]|\\*)");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

  @Test
  void noPackageOfAnyModuleJoinsADependencyCycle() throws IOException {
    Map<String, Set<String>> graph = dependencies(ROOT);

    assertThat(graph).as("packages read under %s", ROOT).containsKeys("dev.canary4j", "dev.canary4j.spec",
        "dev.canary4j.internal.spec", "dev.canary4j.simulation", "dev.canary4j.runner");
    assertThat(cycles(graph)).as("package cycles among the main sources under %s", ROOT)
        .isEmpty();
  }

  @Test
  void theJudgesDependOnThePolicyAndTheirOwnPackagesOnly() throws IOException {
    Map<String, Set<String>> graph = dependencies(ROOT);

    for (String judges : List.of("dev.canary4j.judge", "dev.canary4j.judge.mannwhitney", "dev.canary4j.judge.sequential")) {
      assertThat(graph.get(judges)).as("packages %s uses", judges)
          .allMatch(p -> p.equals("dev.canary4j.policy") || p.equals("dev.canary4j.internal") || p.startsWith("dev.canary4j.judge"));
    }
    assertThat(graph.get("dev.canary4j.judge")).as("the base judge package uses no statistical judge")
        .doesNotContain("dev.canary4j.judge.mannwhitney", "dev.canary4j.judge.sequential");
  }

  @Test
  void aCycleIsFoundWithEveryPackageInIt() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", new TreeSet<>(Set.of("b")));
    graph.put("b", new TreeSet<>(Set.of("c")));
    graph.put("c", new TreeSet<>(Set.of("a", "d")));
    graph.put("d", new TreeSet<>());

    assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
  }

  @Test
  void referencesInCommentsAndStringsAreNotDependencies() {
    Map<String, Set<String>> graph = new TreeMap<>();
    read("package dev.canary4j.a;\n/** See {@link dev.canary4j.b.Thing}. */\nclass X { String s = \"dev.canary4j.c.Y\"; "
        + "dev.canary4j.d.Z z; }\n", graph);

    assertThat(graph).containsEntry("dev.canary4j.a", Set.of("dev.canary4j.d"));
  }

  private static Map<String, Set<String>> dependencies(Path root) throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path sources : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(sources)) {
          files.filter(f -> f.toString().endsWith(".java")).forEach(f -> read(text(f), graph));
        }
      }
    }
    return graph;
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void read(String source, Map<String, Set<String>> graph) {
    Matcher declared = PACKAGE.matcher(source);
    if (!declared.find()) {
      return; // module-info.java
    }
    String own = declared.group(1);
    Set<String> uses = graph.computeIfAbsent(own, p -> new TreeSet<>());
    Matcher m = REFERENCE.matcher(STRING.matcher(COMMENT.matcher(source).replaceAll(" ")).replaceAll("\"\""));
    while (m.find()) {
      if (!m.group(1).equals(own) && m.start() > declared.end()) {
        uses.add(m.group(1));
      }
    }
  }

  /** The strongly connected components of more than one package (Tarjan), each sorted. */
  private static List<List<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> found = new ArrayList<>();
    int[] counter = {0};
    for (String p : graph.keySet()) {
      if (!index.containsKey(p)) {
        connect(p, graph, index, low, stack, onStack, found, counter);
      }
    }
    return found;
  }

  private static void connect(String p, Map<String, Set<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> found, int[] counter) {
    index.put(p, counter[0]);
    low.put(p, counter[0]);
    counter[0]++;
    stack.push(p);
    onStack.add(p);
    for (String q : graph.getOrDefault(p, Set.of())) {
      if (!index.containsKey(q)) {
        connect(q, graph, index, low, stack, onStack, found, counter);
        low.put(p, Math.min(low.get(p), low.get(q)));
      } else if (onStack.contains(q)) {
        low.put(p, Math.min(low.get(p), index.get(q)));
      }
    }
    if (low.get(p).equals(index.get(p))) {
      List<String> component = new ArrayList<>();
      String q;
      do {
        q = stack.pop();
        onStack.remove(q);
        component.add(q);
      } while (!q.equals(p));
      if (component.size() > 1) {
        component.sort(null);
        found.add(component);
      }
    }
  }
}
