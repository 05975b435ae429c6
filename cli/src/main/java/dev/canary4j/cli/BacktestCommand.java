package dev.canary4j.cli;

import dev.canary4j.judge.Measurement;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.simulation.Replay;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.simulation.TimelineTick;
import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.MetricQuery;
import dev.canary4j.timeline.RolloutTimeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backtest}: replays a policy over historical Prometheus data through the real runner, machine and judges. */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Replay a policy over historical Prometheus data.", "Replays a policy over what Prometheus recorded between --from and --to: the real runner, "
        + "machine and judges tick once per analysis interval (or look interval), each tick judging the policy's "
        + "metrics as they were at its time, and the timeline says what the policy would have done: \"would have "
        + "rolled back at 14:03 (request-success-rate 97.2 < 99)\". Each metric is fetched with one range query per "
        + "PromQL expression, evaluated at the tick times, rather than a query per tick. Gates are taken as open. "
        + "Exit 0 would have promoted, 1 would have rolled back, 3 undecided by --to."},
    footer = {"", "Example:", "  java -jar canary4j.jar backtest --prometheus http://prometheus:9090 \\",
        "      --policy examples/policies/canary.yaml --from 2026-03-01T13:00:00Z --to 2026-03-01T15:00:00Z"})
final class BacktestCommand implements Callable<Integer> {

  /** How many ticks one backtest may run, so that a typo in --from cannot start a replay of years. */
  static final int MAX_TICKS = 10_000;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Which weights the timeline shows. */
  enum Weights { policy, observed }

  @Spec
  CommandSpec spec;

  @Mixin
  PrometheusOptions prometheus;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy to replay (.yaml or .json).")
  Path policyFile;

  @Option(names = "--from", required = true, paramLabel = "TIME", converter = InstantConverter.class,
      description = "Time of the first tick, as 2026-03-01T13:00:00Z or Unix seconds.")
  Instant from;

  @Option(names = "--to", required = true, paramLabel = "TIME", converter = InstantConverter.class,
      description = "No tick after this time.")
  Instant to;

  @Option(names = "--weights", paramLabel = "policy|observed", defaultValue = "policy",
      description = "policy: show the weights the policy would have set (default); observed: also show the canary's "
          + "real share of requests at each tick, measured from the built-in request counts. The metrics are "
          + "always the recorded ones.")
  Weights weights;

  @Option(names = "--json", paramLabel = "OUT", description = "Also write the timeline as JSON (the format of simulate --json).")
  Path jsonFile;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<String> problems = new ArrayList<>();
    CanaryPolicy policy = Inputs.policy(policyFile, problems);
    PrometheusClient client = prometheus.client(problems);
    if (!to.isAfter(from)) {
      problems.add("--to: must be after --from (" + from + "), but was " + to);
    }
    long ticks = policy == null || !to.isAfter(from) ? 0
        : Duration.between(from, to).toMillis() / policy.analysis().tickInterval().toMillis() + 1;
    if (ticks > MAX_TICKS) {
      problems.add("--from/--to: span " + ticks + " ticks of " + policy.analysis().tickInterval() + ", more than "
          + MAX_TICKS + "; narrow the range");
    }
    if (!problems.isEmpty()) {
      problems.forEach(spec.commandLine().getErr()::println);
      return ExitCode.INVALID;
    }
    PrometheusMetricSource source = PrometheusMetricSource.create(client);
    String label = policy.target().id();
    Timeline timeline = Replay.run(policy, "backtest " + label, from, (int) ticks, source);
    out.println("canary4j backtest: " + label + " from " + from + " to " + to + ", one tick per "
        + policy.analysis().tickInterval());
    List<String> shares = weights == Weights.observed ? observedShares(policy, source, timeline.ticks().size()) : List.of();
    for (TimelineTick t : timeline.ticks()) {
      String line = TimelinePrinter.progressLine(label, t) + "  at " + CLOCK.format(t.at());
      out.println(shares.isEmpty() ? line : line + "  observed canary share " + shares.get(t.tick() - 1));
    }
    out.println(summary(timeline));
    if (jsonFile != null) {
      Inputs.writeTimeline(timeline.toRollout(RolloutTimeline.BACKTEST), jsonFile);
    }
    return timeline.promoted() ? ExitCode.PASS : timeline.rolledBack() ? ExitCode.FAIL : ExitCode.UNDECIDED;
  }

  /** {@code would have rolled back at 14:03 (tick 4: request-success-rate 97.2 < 99)}, or promoted, or undecided. */
  static String summary(Timeline timeline) {
    if (timeline.ticks().isEmpty()) {
      return "no tick ran";
    }
    TimelineTick last = timeline.ticks().get(timeline.ticks().size() - 1);
    String when = " at " + CLOCK.format(last.at()) + " (tick " + last.tick();
    if (timeline.rolledBack()) {
      String why = timeline.decidingVerdicts().stream().filter(v -> v.label() != VerdictLabel.PASS)
          .map(BacktestCommand::comparison).collect(Collectors.joining("; "));
      return "would have rolled back" + when + (why.isEmpty() ? "" : ": " + why) + ")";
    }
    if (timeline.promoted()) {
      return "would have promoted" + when + ")";
    }
    return "undecided by the end of the range: " + last.phase() + " with the canary at " + last.canaryWeight() + "%" + when + ")";
  }

  /** {@code request-success-rate 97.2 < 99} for a broken bound, else the verdict's label and reason. */
  static String comparison(Verdict v) {
    String threshold = v.threshold();
    if (v.canary() != null && v.label() == VerdictLabel.FAIL_LOW && threshold.startsWith(">= ")) {
      return v.metric() + " " + VerdictText.number(v.canary()) + " < " + threshold.substring(3);
    }
    if (v.canary() != null && v.label() == VerdictLabel.FAIL_HIGH && threshold.startsWith("<= ")) {
      return v.metric() + " " + VerdictText.number(v.canary()) + " > " + threshold.substring(3);
    }
    return v.metric() + " " + v.label() + " - " + v.reason();
  }

  /**
   * The canary's share of all requests to both versions over the interval before each of the first
   * {@code ticks} ticks, in percent, measured with one range query.
   */
  private List<String> observedShares(CanaryPolicy policy, PrometheusMetricSource source, int ticks) {
    try {
      MetricQuery first = new MetricQuery(policy.target(), MetricCheck.successRate(0), from, policy.analysis().interval(), false);
      return source.measureRange(first, policy.analysis().tickInterval(), ticks).stream()
          .map(seen -> share(seen.canary(), seen.primary()).map(s -> String.format(Locale.ROOT, "%.1f%%", s)).orElse("-"))
          .toList();
    } catch (AdapterException e) {
      return Collections.nCopies(ticks, "- (" + e.getMessage() + ")");
    }
  }

  private static Optional<Double> share(Measurement canary, Measurement primary) {
    long total = canary.requests() + primary.requests();
    return total <= 0 ? Optional.empty() : Optional.of(100.0 * canary.requests() / total);
  }
}
