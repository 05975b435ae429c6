/** canary4j's optional Micrometer metrics of the runner. */
// "requires-transitive-automatic": micrometer-core carries only an Automatic-Module-Name, and
// CanaryMetrics takes its MeterRegistry.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.canary4j.micrometer {
  requires transitive dev.canary4j.runner;
  requires transitive micrometer.core;

  exports dev.canary4j.micrometer;
}
