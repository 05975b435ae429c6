/**
 * The runner: drives canaries through the pure machine, performing its actions through the SPIs with
 * retries, circuit breakers and time limits, persisting state before acting, and publishing events.
 */
package dev.canary4j.runner;
