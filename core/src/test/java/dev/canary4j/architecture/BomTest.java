package dev.canary4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks that the BOM lists every published module at the parent's version, so that a module added
 * later cannot be forgotten in it.
 */
class BomTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern MANAGED = Pattern.compile(
      "<groupId>dev\\.canary4j</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>\\$\\{project\\.version}</version>");

  @Test
  void theBomManagesEveryPublishedModuleAndNothingElse() throws IOException {
    List<String> published = new ArrayList<>();
    Matcher modules = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
    while (modules.find()) {
      String pom = Files.readString(ROOT.resolve(modules.group(1)).resolve("pom.xml"));
      boolean unpublished = pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")
          || pom.contains("<packaging>pom</packaging>");
      if (!unpublished) {
        published.add(ownArtifactId(pom));
      }
    }
    List<String> managed = new ArrayList<>();
    Matcher entries = MANAGED.matcher(Files.readString(ROOT.resolve("bom/pom.xml")));
    while (entries.find()) {
      managed.add(entries.group(1));
    }

    assertThat(published).contains("canary4j-core", "canary4j-runner", "canary4j-test")
        .doesNotContain("canary4j-examples", "canary4j-benchmarks");
    assertThat(managed).as("modules managed by bom/pom.xml").containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void theBomHasTheParentsVersion() throws IOException {
    assertThat(ownVersion(Files.readString(ROOT.resolve("bom/pom.xml"))))
        .isEqualTo(ownVersion(Files.readString(ROOT.resolve("pom.xml"))));
  }

  // The project's own coordinates follow its <parent> block, if it has one.
  private static String afterParent(String pom) {
    int end = pom.indexOf("</parent>");
    return end < 0 ? pom.substring(pom.indexOf("<modelVersion>")) : pom.substring(end);
  }

  private static String ownArtifactId(String pom) {
    Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(afterParent(pom));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String ownVersion(String pom) {
    Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(afterParent(pom));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
