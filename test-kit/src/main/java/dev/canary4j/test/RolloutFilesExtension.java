package dev.canary4j.test;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.simulation.Scenario;
import dev.canary4j.simulation.ScenarioReader;
import dev.canary4j.simulation.SimulatedClock;
import dev.canary4j.spec.PolicyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands a test the policy and scenario files it names, read and validated,
 * and a {@link SimulatedClock} at {@link #START}:
 *
 * <pre>{@code
 * @ExtendWith(RolloutFilesExtension.class)
 * class CanaryPolicyTest {
 *   @Test
 *   void aBadReleaseIsRolledBack(@PolicyFile("policies/canary.yaml") CanaryPolicy policy,
 *       @ScenarioFile("scenarios/bad-canary.yaml") Scenario scenario) {
 *     RolloutAssertions.assertThat(Simulation.run(policy, scenario)).rolledBackWithin(4);
 *   }
 * }
 * }</pre>
 *
 * A file that cannot be found or read, or that holds an invalid policy or scenario, fails the test
 * with a message naming the parameter, the file and every problem in it.
 */
public final class RolloutFilesExtension implements ParameterResolver {

  /** Where a resolved {@link SimulatedClock} starts: 2026-01-01T00:00:00Z, the same in every run. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
  public RolloutFilesExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return (type == CanaryPolicy.class && parameter.isAnnotated(PolicyFile.class))
        || (type == Scenario.class && parameter.isAnnotated(ScenarioFile.class))
        || type == SimulatedClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Parameter p = parameter.getParameter();
    if (p.getType() == SimulatedClock.class) {
      return new SimulatedClock(START);
    }
    Class<?> testClass = context.getRequiredTestClass();
    try {
      if (p.getType() == CanaryPolicy.class) {
        String name = parameter.findAnnotation(PolicyFile.class).orElseThrow().value();
        return PolicyReader.read(locate(name, testClass, "@PolicyFile"));
      }
      String name = parameter.findAnnotation(ScenarioFile.class).orElseThrow().value();
      return ScenarioReader.read(locate(name, testClass, "@ScenarioFile"));
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      String which = p.isNamePresent() ? "'" + p.getName() + "'" : String.valueOf(parameter.getIndex());
      throw new ParameterResolutionException("Parameter " + which + " (" + p.getType().getSimpleName() + ") of "
          + context.getRequiredTestMethod().getName() + "(): " + e.getMessage(), e);
    }
  }

  private static Path locate(String name, Class<?> testClass, String annotation) {
    ClassLoader loader = testClass.getClassLoader();
    URL resource = loader == null ? null : loader.getResource(name.startsWith("/") ? name.substring(1) : name);
    if (resource != null && resource.getProtocol().toLowerCase(Locale.ROOT).equals("file")) {
      try {
        return Path.of(resource.toURI());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(annotation + "(\"" + name + "\"): unreadable resource URL " + resource, e);
      }
    }
    if (resource != null) {
      return copyOut(resource, name);
    }
    Path file = Path.of(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(annotation + "(\"" + name + "\"): expected a class-path resource or a file "
          + "at " + file.toAbsolutePath() + ", but there is neither");
    }
    return file;
  }

  // A resource inside a jar has no path of its own; the readers name the file in their messages, so
  // it is copied to a temporary file that keeps the resource's name.
  private static Path copyOut(URL resource, String name) {
    try (InputStream in = resource.openStream()) {
      Path dir = Files.createTempDirectory("canary4j-test");
      Path file = dir.resolve(Path.of(name).getFileName().toString());
      Files.copy(in, file);
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read resource " + name + " from " + resource, e);
    }
  }
}
