package dev.canary4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link dev.canary4j.policy.CanaryPolicy} test parameter to be read from a policy file by
 * {@link RolloutFilesExtension}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PolicyFile {

  /**
   * The policy file: a class-path resource (such as {@code policies/canary.yaml} under
   * {@code src/test/resources}), else a path relative to the working directory. YAML when it ends in
   * {@code .yaml} or {@code .yml}, JSON when it ends in {@code .json}.
   *
   * @return the resource name or path
   */
  String value();
}
