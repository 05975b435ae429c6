/**
 * Helpers shared by canary4j's own packages; not API, and free to change between releases.
 */
package dev.canary4j.internal;
