package dev.canary4j.benchmarks.runner;

import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.runner.RunnerListener;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Records how late each tick began: the runner schedules a canary's next tick one tick interval
 * after its previous tick finished, so a tick that began at {@code at} was late by
 * {@code at - (previous start + previous duration + interval)}. Only ticks that begin while the
 * window is open are counted. Ticks of one canary are serialised, so each canary's slot has one
 * writer at a time.
 */
final class TickLateness implements RunnerListener {

  private final Map<String, Integer> indexes = new HashMap<>();
  private final long[] previousEndMicros;
  private final AtomicLongArray latenessMicros;
  private final AtomicInteger recorded = new AtomicInteger();
  private volatile boolean open;

  TickLateness(int canaries, int capacity) {
    this.previousEndMicros = new long[canaries];
    this.latenessMicros = new AtomicLongArray(capacity);
  }

  /** Registers canary {@code id} as number {@code i}; before any tick. */
  void index(String id, int i) {
    indexes.put(id, i);
  }

  void open() {
    open = true;
  }

  void close() {
    open = false;
  }

  long ticks() {
    return Math.min(recorded.get(), latenessMicros.length());
  }

  @Override
  public void onEvent(RunnerEvent event) {
    if (!(event instanceof RunnerEvent.TickCompleted t)) {
      return;
    }
    Integer i = indexes.get(t.canaryId());
    if (i == null) {
      return;
    }
    long start = micros(t.at());
    long previous = previousEndMicros[i]; // published by the canary's driver lock, under which ticks end
    previousEndMicros[i] = start + t.duration().toNanos() / 1000;
    if (open && previous != 0) {
      int slot = recorded.getAndIncrement();
      if (slot < latenessMicros.length()) {
        latenessMicros.set(slot, Math.max(0, start - previous - RunnerLoad.TICK.toNanos() / 1000));
      }
    }
  }

  /** The lateness at each quantile (0 to 1) of the counted ticks, in milliseconds. */
  double[] percentilesMillis(double... quantiles) {
    int n = (int) ticks();
    long[] values = new long[n];
    for (int k = 0; k < n; k++) {
      values[k] = latenessMicros.get(k);
    }
    Arrays.sort(values);
    double[] out = new double[quantiles.length];
    for (int q = 0; q < quantiles.length; q++) {
      out[q] = n == 0 ? Double.NaN : values[(int) Math.min(n - 1, Math.ceil(quantiles[q] * n) - 1 < 0 ? 0
          : Math.ceil(quantiles[q] * n) - 1)] / 1000.0;
    }
    return out;
  }

  private static long micros(Instant at) {
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
  }
}
