/** State stores: in memory, and JSON files written atomically, both compare-and-set on a version. */
package dev.canary4j.store;
