package dev.canary4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.canary4j.AnalysisOutcome;
import dev.canary4j.TickAnalysis;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.prometheus.PrometheusClient;
import dev.canary4j.prometheus.PrometheusMetricSource;
import dev.canary4j.runner.LiveJudge;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code judge}: judges a live canary against its primary once, from Prometheus, with a policy's metrics. */
@Command(name = "judge", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Judge a live canary against its primary once, from Prometheus.", "Judges a live canary against its primary once, from Prometheus, with every metric of a policy "
        + "over a window, and prints every verdict with its values, threshold and reason. The deploy gate of a "
        + "pipeline step: exit 0 when every metric passed, 1 when one failed, 3 when the data was missing or the "
        + "provider failed. Limits and gates of the policy play no part: one look decides."},
    footer = {"", "Example:", "  java -jar canary4j.jar judge --prometheus http://prometheus:9090 \\",
        "      --policy examples/policies/canary.yaml --window 10m --json verdicts.json"})
final class JudgeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  PrometheusOptions prometheus;

  @Option(names = "--policy", required = true, paramLabel = "FILE",
      description = "The policy whose target and metrics are judged (.yaml or .json).")
  Path policyFile;

  @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Judge every metric over this window (10m, 1h); default: each metric's interval, else the "
          + "analysis interval.")
  Duration window;

  @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
      description = "End of the window, as 2026-03-01T14:00:00Z or Unix seconds; default: now.")
  Instant at;

  @Option(names = "--json", paramLabel = "OUT", description = "Also write the outcome and every verdict as JSON to this file.")
  Path jsonFile;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<String> problems = new ArrayList<>();
    CanaryPolicy policy = Inputs.policy(policyFile, problems);
    PrometheusClient client = prometheus.client(problems);
    if (!problems.isEmpty()) {
      problems.forEach(spec.commandLine().getErr()::println);
      return ExitCode.INVALID;
    }
    Instant end = at != null ? at : Instant.now();
    TickAnalysis analysis = LiveJudge.judge(policy, PrometheusMetricSource.create(client), end, window);
    out.println("canary4j judge: " + policy.target().namespace() + "/" + policy.target().canary() + " against "
        + policy.target().primary() + " at " + end + (window == null ? "" : " over " + window));
    analysis.verdicts().forEach(v -> out.println("  " + VerdictText.line(v)));
    out.println(analysis.outcome() + ": " + analysis.reason());
    if (jsonFile != null) {
      writeJson(policy, end, analysis);
    }
    return exitCode(analysis.outcome());
  }

  static int exitCode(AnalysisOutcome outcome) {
    return switch (outcome) {
      case PASS -> ExitCode.PASS;
      case FAIL, CRITICAL_FAIL -> ExitCode.FAIL;
      case ERROR, INCONCLUSIVE -> ExitCode.UNDECIDED;
    };
  }

  private void writeJson(CanaryPolicy policy, Instant end, TickAnalysis analysis) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("namespace", policy.target().namespace());
    doc.put("canary", policy.target().canary());
    doc.put("primary", policy.target().primary());
    doc.put("at", end.toString());
    doc.put("window", window == null ? null : window.toString());
    doc.put("outcome", analysis.outcome().name());
    doc.put("reason", analysis.reason());
    List<Map<String, Object>> verdicts = new ArrayList<>();
    for (Verdict v : analysis.verdicts()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("metric", v.metric());
      entry.put("label", v.label().name());
      entry.put("canary", finite(v.canary()));
      entry.put("primary", finite(v.primary()));
      entry.put("threshold", v.threshold());
      entry.put("reason", v.reason());
      entry.put("critical", v.critical());
      entry.put("statistics", v.statistics());
      verdicts.add(entry);
    }
    doc.put("verdicts", verdicts);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), doc);
  }

  /** JSON has no NaN or infinity: such a value is written as null. */
  private static Double finite(Double value) {
    return value == null || value.isNaN() || value.isInfinite() ? null : value;
  }
}
