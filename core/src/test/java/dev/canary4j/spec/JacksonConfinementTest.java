package dev.canary4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Jackson is an implementation detail of the spec packages: the model and the machine never see it. */
class JacksonConfinementTest {

  @Test
  void onlyTheSpecPackagesImportJackson() throws IOException {
    Path main = Path.of("src/main/java");
    Path spec = main.resolve("dev/canary4j/spec");
    Path specInternals = main.resolve("dev/canary4j/internal/spec");
    try (Stream<Path> files = Files.walk(main)) {
      List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
      List<Path> offenders = sources.stream()
          .filter(f -> !f.startsWith(spec) && !f.startsWith(specInternals))
          .filter(f -> read(f).contains("com.fasterxml.jackson"))
          .toList();

      assertThat(sources).anyMatch(f -> f.startsWith(spec) && read(f).contains("com.fasterxml.jackson"));
      assertThat(offenders).isEmpty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
