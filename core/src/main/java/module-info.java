/**
 * canary4j's core: the canary policy and its reader, the pure state machine, the judges and the SPI
 * for adapters. Depends on Jackson and commons-math3 only.
 */
// "module": the qualified exports name modules built after this one, which javac cannot see yet.
// "requires-automatic": commons-math3 has no module descriptor; its name comes from its jar's name.
@SuppressWarnings({"module", "requires-automatic"})
module dev.canary4j.core {
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires commons.math3;

  exports dev.canary4j;
  exports dev.canary4j.spi;
  exports dev.canary4j.spec;
  exports dev.canary4j.policy;
  exports dev.canary4j.analysis;
  exports dev.canary4j.judge;
  exports dev.canary4j.judge.mannwhitney;
  exports dev.canary4j.judge.sequential;
  exports dev.canary4j.timeline;

  // Shared toolkit of the canary4j modules, not API.
  exports dev.canary4j.internal to dev.canary4j.runner, dev.canary4j.test;
  exports dev.canary4j.internal.spec to dev.canary4j.test;
}
