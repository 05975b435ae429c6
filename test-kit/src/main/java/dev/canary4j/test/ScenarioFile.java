package dev.canary4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link dev.canary4j.simulation.Scenario} test parameter to be read from a scenario file by
 * {@link RolloutFilesExtension}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ScenarioFile {

  /**
   * The scenario file (YAML): a class-path resource, else a path relative to the working directory.
   *
   * @return the resource name or path
   */
  String value();
}
