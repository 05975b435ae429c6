/**
 * AssertJ assertions and JUnit 5 support for rollout-policy unit tests: {@link
 * dev.canary4j.test.RolloutAssertions} over a simulated {@link dev.canary4j.simulation.Timeline},
 * {@link dev.canary4j.test.RolloutFilesExtension} for policy and scenario files as test parameters,
 * and {@link dev.canary4j.test.RunnerFixture} for tests of a runner wired to your own adapters.
 */
package dev.canary4j.test;
