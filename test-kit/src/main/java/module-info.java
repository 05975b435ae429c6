/**
 * canary4j's test kit, for test scope: the simulation kit, scenario files, AssertJ assertions over
 * rollout timelines, JUnit 5 support and a runner fixture for tests of adapters.
 */
// "requires-automatic": commons-math3 has no module descriptor; its name comes from its jar's name.
@SuppressWarnings("requires-automatic")
module dev.canary4j.test {
  requires transitive dev.canary4j.core;
  requires transitive dev.canary4j.runner;
  requires transitive org.assertj.core;
  requires transitive org.junit.jupiter.api;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires commons.math3;

  exports dev.canary4j.simulation;
  exports dev.canary4j.test;
}
