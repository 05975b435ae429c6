/**
 * canary4j's runner: runs canaries through the SPIs with scheduling, retries and circuit breaking,
 * fencing, state stores, and webhook and manual gates.
 */
// resilience4j's jars carry only an Automatic-Module-Name.
@SuppressWarnings("requires-automatic")
module dev.canary4j.runner {
  requires transitive dev.canary4j.core;
  requires transitive okhttp3; // WebhookGate takes an OkHttpClient
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.timelimiter;

  exports dev.canary4j.runner;
  exports dev.canary4j.gate;
  exports dev.canary4j.store;
}
