package dev.canary4j.runner;

import dev.canary4j.spi.TransientAdapterException;
import dev.canary4j.timeline.TimelineAction;
import dev.canary4j.timeline.TimelineEntry;
import dev.canary4j.timeline.TimelineEvent;
import dev.canary4j.timeline.TimelineFormat;
import dev.canary4j.timeline.TimelineVerdict;
import dev.canary4j.timeline.TimelineWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * A listener that writes one line of the timeline format ({@code docs/timeline.md}) for every
 * decision and failure: time, canary, phase, weights, counters, every verdict with both values,
 * threshold, statistics and reason, gate answers, actions and events. Thread-safe; each line is
 * flushed as it is written.
 */
public final class DecisionLog implements RunnerListener, AutoCloseable {

  private final Writer out;

  /**
   * A log writing to {@code out}; closing the log closes it.
   *
   * @param out where each entry is written as one line; not {@code null}
   */
  public DecisionLog(Writer out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * A log appending to {@code file}, created if missing.
   *
   * @param file the log file; entries are appended to what it holds
   * @return a new log, to be closed when the runner stops
   */
  public static DecisionLog appendingTo(Path file) {
    try {
      return new DecisionLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new TransientAdapterException("Cannot open the decision log " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onEvent(RunnerEvent event) {
    String line = line(event);
    if (line == null) {
      return;
    }
    synchronized (out) {
      try {
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the decision log: " + e.getMessage(), e);
      }
    }
  }

  /** The log line for {@code event}, an entry of the timeline format, or {@code null} for events the log leaves out. */
  static String line(RunnerEvent event) {
    TimelineEntry entry = entry(event);
    return entry == null ? null : TimelineFormat.line(entry);
  }

  /**
   * {@code event} as a line of the timeline format, or {@code null} for events the log leaves out.
   *
   * @param event a runner event
   * @return the entry, or {@code null}
   */
  public static TimelineEntry entry(RunnerEvent event) {
    if (event instanceof RunnerEvent.Decided d) {
      return TimelineEntry.builder(TimelineEntry.DECISION, d.at(), e -> {
        common(e, d);
        e.input = TimelineEntry.describe(d.input());
        e.phase = d.state().phase().name();
        e.revision = d.state().revision();
        e.step = d.state().step();
        e.weights = TimelineWeights.of(d.state().split());
        e.counters = d.state().counters();
        e.verdicts = d.verdicts().stream().map(TimelineVerdict::of).toList();
        e.gates = d.gates();
        e.actions = d.actions().stream().map(TimelineAction::of).toList();
        e.performed = d.performed();
        e.events = d.events().stream().map(TimelineEvent::of).toList();
      });
    }
    if (event instanceof RunnerEvent.ActionFailed f) {
      return TimelineEntry.builder(TimelineEntry.ACTION_FAILED, f.at(), e -> {
        common(e, f);
        e.actions = List.of(TimelineAction.of(f.action()));
        e.performed = 0;
        e.reason = f.reason();
      });
    }
    if (event instanceof RunnerEvent.ActionsReapplied r) {
      return TimelineEntry.builder(TimelineEntry.ACTIONS_REAPPLIED, r.at(), e -> {
        common(e, r);
        e.actions = r.actions().stream().map(TimelineAction::of).toList();
        e.performed = r.actions().size();
        e.reason = r.reason();
      });
    }
    if (event instanceof RunnerEvent.TickFailed t) {
      return TimelineEntry.builder(TimelineEntry.TICK_FAILED, t.at(), e -> {
        common(e, t);
        e.reason = t.reason();
      });
    }
    return null;
  }

  private static void common(TimelineEntry.Builder e, RunnerEvent event) {
    e.version = TimelineFormat.VERSION;
    e.canary = event.canaryId();
  }

  @Override
  public void close() throws IOException {
    synchronized (out) {
      out.close();
    }
  }
}
