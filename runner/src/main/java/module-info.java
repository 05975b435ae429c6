/**
 * canary4j's runner: runs canaries through the SPIs with scheduling, retries and circuit breaking,
 * fencing, state stores, and webhook and manual gates.
 */
module dev.canary4j.runner {
  requires transitive dev.canary4j.core;
  requires transitive okhttp3; // WebhookGate takes an OkHttpClient

  exports dev.canary4j.runner;
  exports dev.canary4j.gate;
  exports dev.canary4j.store;
}
