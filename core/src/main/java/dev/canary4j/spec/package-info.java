/**
 * Reading canary policies from YAML and JSON, and the JSON form of canary state, events and actions.
 *
 * <p>This is the only package that uses Jackson; the model in {@code dev.canary4j.policy} and
 * {@code dev.canary4j} carries no mapping annotations.
 */
package dev.canary4j.spec;
