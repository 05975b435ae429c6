/**
 * The versioned timeline format that simulations, the runner's decision log and backtests share:
 * its types, the JSON writer and reader, and its JSON Schema. Pure: no clock, no I/O but the files
 * a caller names.
 */
package dev.canary4j.timeline;
