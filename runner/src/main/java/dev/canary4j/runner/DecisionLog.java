package dev.canary4j.runner;

import dev.canary4j.Input;
import dev.canary4j.internal.JsonText;
import dev.canary4j.judge.Verdict;
import dev.canary4j.spec.StateCodec;
import dev.canary4j.spi.TransientAdapterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A listener that writes one JSON object per line for every decision and failure: time, canary,
 * phase, weights, every verdict with its value, threshold and reason, and the actions taken.
 * Thread-safe; each line is flushed as it is written.
 */
public final class DecisionLog implements RunnerListener, AutoCloseable {

  private final Writer out;

  /** A log writing to {@code out}; closing the log closes it. */
  public DecisionLog(Writer out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** A log appending to {@code file}, created if missing. */
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

  /** The log line for {@code event}, or {@code null} for events the log leaves out. */
  static String line(RunnerEvent event) {
    JsonText json = JsonText.object().field("time", event.at().toString()).field("canary", event.canaryId());
    if (event instanceof RunnerEvent.Decided d) {
      return json.field("kind", "decision")
          .field("input", describe(d.input()))
          .field("phase", d.state().phase().name())
          .field("revision", d.state().revision())
          .field("step", d.state().step())
          .raw("weights", JsonText.object().field("primary", d.state().split().primary())
              .field("canary", d.state().split().canary()).field("mirror", d.state().split().mirror()).build())
          .raw("verdicts", JsonText.array(d.verdicts().stream().map(DecisionLog::toJson).toList()))
          .raw("actions", JsonText.array(d.actions().stream().map(StateCodec::toJson).toList()))
          .field("performed", d.performed())
          .raw("events", JsonText.array(d.events().stream().map(StateCodec::toJson).toList()))
          .build();
    }
    if (event instanceof RunnerEvent.ActionFailed f) {
      return json.field("kind", "action-failed").raw("action", StateCodec.toJson(f.action()))
          .field("reason", f.reason()).build();
    }
    if (event instanceof RunnerEvent.ActionsReapplied r) {
      return json.field("kind", "actions-reapplied")
          .raw("actions", JsonText.array(r.actions().stream().map(StateCodec::toJson).toList()))
          .field("reason", r.reason()).build();
    }
    if (event instanceof RunnerEvent.TickFailed t) {
      return json.field("kind", "tick-failed").field("reason", t.reason()).build();
    }
    return null;
  }

  /** {@code v} as one JSON object: metric, label, canary and primary values, threshold, reason, critical. */
  public static String toJson(Verdict v) {
    return JsonText.object().field("metric", v.metric()).field("label", v.label().name())
        .field("canary", v.canary()).field("primary", v.primary()).field("threshold", v.threshold())
        .field("reason", v.reason()).field("critical", v.critical()).build();
  }

  private static String describe(Input input) {
    if (input instanceof Input.Tick) {
      return "tick";
    }
    if (input instanceof Input.RevisionObserved r) {
      return "revision " + r.fingerprint();
    }
    if (input instanceof Input.RouterObserved r) {
      return "router observed " + r.split();
    }
    Input.Manual m = (Input.Manual) input;
    return "command " + m.command() + (m.reason().isEmpty() ? "" : " (" + m.reason() + ")");
  }

  @Override
  public void close() throws IOException {
    synchronized (out) {
      out.close();
    }
  }
}
