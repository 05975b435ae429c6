/**
 * Gates: the HTTP webhook gate and the answers of manual gates given through the runner's control
 * API.
 */
package dev.canary4j.gate;
