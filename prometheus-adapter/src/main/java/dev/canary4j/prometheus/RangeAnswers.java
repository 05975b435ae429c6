package dev.canary4j.prometheus;

import dev.canary4j.spi.MetricQuery;
import dev.canary4j.spi.PermanentAdapterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of one metric's queries at {@code count} times {@code step} apart, each query fetched
 * once as a range query over all of them and then cut into the answer each time would have had.
 *
 * <p>A range query evaluates its expression at {@code start}, {@code start + step}, ... exactly as an
 * instant query at each of those times would, and leaves out the points where a series has no value;
 * so the slice of one time holds the series the instant query would have returned, and a time without
 * a point is a series missing from that time's answer. A range of more than {@value SeriesSteps#MAX_POINTS}
 * points, which Prometheus refuses, is fetched in chunks. An answer with a point off the asked times (a
 * query front end that aligns ranges to their step moves them) is an error, since its values belong to
 * other times. Not thread-safe: one measurement of a range uses it.
 */
final class RangeAnswers {
  private final PrometheusClient client;
  private final WarningListener warnings;
  private final MetricQuery first;
  private final Duration step;
  private final int count;
  private final Map<String, Matrix> instants = new HashMap<>();
  private final Map<String, Matrix> ranges = new HashMap<>();

  RangeAnswers(PrometheusClient client, WarningListener warnings, MetricQuery first, Duration step, int count) {
    this.client = client;
    this.warnings = warnings;
    this.first = first;
    this.step = step;
    this.count = count;
  }

  /** The end of the window at time number {@code index} (from 0). */
  Instant end(int index) {
    return first.end().plus(step.multipliedBy(index));
  }

  /** The answers at time number {@code index} (from 0), with {@code query} the measurement made then. */
  TickAnswers at(int index, MetricQuery query) {
    long time = end(index).toEpochMilli();
    return new TickAnswers() {
      @Override
      public QueryResult instant(String promql) {
        Matrix all = instants.get(promql);
        if (all == null) {
          all = fetch(promql, first.end(), end(count - 1), step);
          instants.put(promql, all);
        }
        return all.slice(time, time, ResultType.VECTOR);
      }

      @Override
      public QueryResult range(String promql, SeriesSteps.Range range) {
        if (step.toMillis() % range.step().toMillis() != 0) {
          // Each time's points lie off the others' grid, so one range query cannot hold them all.
          return TickAnswers.live(client, warnings, query).range(promql, range);
        }
        Matrix all = ranges.get(promql);
        if (all == null) {
          Duration before = Duration.between(range.start(), range.end());
          all = fetch(promql, first.end().minus(before), end(count - 1), range.step());
          ranges.put(promql, all);
        }
        return all.slice(range.start().toEpochMilli(), range.end().toEpochMilli(), ResultType.MATRIX);
      }
    };
  }

  /** {@code promql} at every {@code every} from {@code start} to {@code end}, in chunks Prometheus accepts. */
  private Matrix fetch(String promql, Instant start, Instant end, Duration every) {
    String metric = first.metric().name();
    long points = Duration.between(start, end).toMillis() / every.toMillis() + 1;
    Map<Map<String, String>, Samples> merged = new LinkedHashMap<>();
    for (long done = 0; done < points; done += SeriesSteps.MAX_POINTS) {
      Instant chunkStart = start.plus(every.multipliedBy(done));
      Instant chunkEnd = start.plus(every.multipliedBy(Math.min(points, done + SeriesSteps.MAX_POINTS) - 1));
      QueryResult chunk = TickAnswers.reported(warnings, first, promql,
          client.queryRange(promql, chunkStart, chunkEnd, every, metric));
      if (chunk.type() != ResultType.MATRIX) {
        throw new PermanentAdapterException("metric '" + metric + "': expected a matrix from a range query but Prometheus "
            + "returned a " + chunk.type() + "; query: " + PrometheusClient.shown(promql));
      }
      for (Series s : chunk.series()) {
        checkOnGrid(s, chunkStart, chunkEnd, every, metric, promql);
        merged.computeIfAbsent(s.labels(), k -> new Samples()).add(s);
      }
    }
    List<Samples> series = new ArrayList<>(merged.values());
    List<Map<String, String>> labels = new ArrayList<>(merged.keySet());
    return new Matrix(labels, series);
  }

  private static void checkOnGrid(Series s, Instant start, Instant end, Duration every, String metric, String promql) {
    long from = start.toEpochMilli();
    long to = end.toEpochMilli();
    long stepMillis = every.toMillis();
    for (int i = 0; i < s.size(); i++) {
      long t = s.timestampAt(i);
      if (t < from || t > to || (t - from) % stepMillis != 0) {
        throw new PermanentAdapterException("metric '" + metric + "': Prometheus answered a range query from " + start
            + " to " + end + " every " + every + " with a point at " + Instant.ofEpochMilli(t) + ", which is not one of "
            + "those times (a query front end that aligns ranges to their step moves them); query: "
            + PrometheusClient.shown(promql));
      }
    }
  }

  /** The samples of one label set across chunks, oldest first. */
  private static final class Samples {
    private long[] timestamps = new long[0];
    private double[] values = new double[0];

    void add(Series s) {
      int size = timestamps.length;
      timestamps = Arrays.copyOf(timestamps, size + s.size());
      values = Arrays.copyOf(values, size + s.size());
      System.arraycopy(s.timestamps(), 0, timestamps, size, s.size());
      System.arraycopy(s.values(), 0, values, size, s.size());
    }

  }

  /** Every series of one range query (its labels and samples, in the same order), timestamps ascending. */
  private record Matrix(List<Map<String, String>> labels, List<Samples> samples) {

    /** The points of each series from {@code from} to {@code to} (epoch milliseconds); series without one are left out. */
    QueryResult slice(long from, long to, ResultType type) {
      List<Series> cut = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) {
        Samples s = samples.get(i);
        int lo = firstAtOrAfter(s.timestamps, from);
        int hi = firstAtOrAfter(s.timestamps, to + 1);
        if (hi > lo) {
          cut.add(new Series(labels.get(i), Arrays.copyOfRange(s.timestamps, lo, hi), Arrays.copyOfRange(s.values, lo, hi)));
        }
      }
      return new QueryResult(type, cut, null, List.of());
    }

    private static int firstAtOrAfter(long[] times, long time) {
      int i = Arrays.binarySearch(times, time);
      return i >= 0 ? i : -i - 1;
    }
  }
}
