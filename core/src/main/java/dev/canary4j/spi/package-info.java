/**
 * Service-provider interfaces for adapter writers: traffic routers, metric sources, gates and
 * state stores. Implementations know nothing of the state machine; the runner calls them. A metric
 * source that can measure many evenly spaced times in a few calls implements
 * {@link dev.canary4j.spi.RangeMetricSource} as well, which replays over recorded data use.
 *
 * <p>Adapters classify failures by throwing a {@link dev.canary4j.spi.TransientAdapterException}
 * (a retry may help) or a {@link dev.canary4j.spi.PermanentAdapterException} (it will not); the
 * runner retries only the former.
 */
package dev.canary4j.spi;
