/**
 * The canary policy: an immutable, validated description of what to roll out and how to judge it.
 *
 * <p>Every type here is a value. A {@link dev.canary4j.policy.CanaryPolicy} validates its whole tree
 * when it is built and reports every violation at once, each with the path of the bad field.
 */
package dev.canary4j.policy;
