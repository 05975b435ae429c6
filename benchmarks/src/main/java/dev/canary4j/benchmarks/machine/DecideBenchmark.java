package dev.canary4j.benchmarks.machine;

import dev.canary4j.CanaryMachine;
import dev.canary4j.CanaryState;
import dev.canary4j.Command;
import dev.canary4j.Decision;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.Readiness;
import dev.canary4j.WorkloadReadiness;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Strategy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Measures {@code CanaryMachine.decide()} with JMH: decisions per second and bytes allocated per
 * decision (the gc profiler's {@code gc.alloc.rate.norm}). Targets: an analysed tick at least 1 M
 * decisions per second on one core and at most 2 KB allocated.
 *
 * <p>Every case decides from a canary in {@code PROGRESSING} at its second step whose history is full
 * ({@link CanaryState#HISTORY_LIMIT} entries), as a long-running canary's is:
 * <ul>
 *   <li>{@code analysedTick}: three passing threshold verdicts; the step passes and the weight steps
 *       up (a five-step policy);</li>
 *   <li>{@code analysedTick99Steps}: the same with a policy of 99 steps (weights 1 to 99);</li>
 *   <li>{@code heldTick}: the canary is not ready, so the tick holds without judging;</li>
 *   <li>{@code pausedTick}: a tick while paused;</li>
 *   <li>{@code command}: a {@code PAUSE} command.</li>
 * </ul>
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am &amp;&amp; java -cp benchmarks/target/canary4j-benchmarks.jar \
 *   dev.canary4j.benchmarks.machine.DecideBenchmark
 * </pre>
 * which is {@code org.openjdk.jmh.Main DecideBenchmark -prof gc} with the settings below, followed by
 * the CPU time per decision of each case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecideBenchmark {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  /** Decisions per round of CPU time measurement; each case is warmed up and measured in rounds. */
  private static final int CPU_ROUND = 200_000;
  private static final int CPU_ROUNDS = 7;
  private static final List<String> METRICS = List.of("request-success-rate", "request-duration", "cpu");

  private CanaryPolicy fiveSteps;
  private CanaryPolicy ninetyNineSteps;
  private CanaryState atSecondStep;
  private CanaryState atSecondOf99;
  private CanaryState paused;
  private Input.Tick passing;
  private Input.Tick unready;
  private Input.Manual pause;
  private Instant now;

  /** Drives a canary to its second step with a full history, by decisions as a runner would. */
  @Setup
  public void setUp() {
    fiveSteps = policy(CanaryStrategy.linear(10, 50));
    ninetyNineSteps = policy(CanaryStrategy.linear(1, 99));
    passing = Input.Tick.of(List.of(
        Verdict.of(METRICS.get(0), VerdictLabel.PASS, 99.7, null, ">= 99.0", "99.7 >= 99.0", false),
        Verdict.of(METRICS.get(1), VerdictLabel.PASS, 212.5, null, "<= 500.0", "212.5 <= 500.0", false),
        Verdict.of(METRICS.get(2), VerdictLabel.PASS, 0.43, null, "<= 0.8", "0.43 <= 0.8", false)));
    unready = passing.withReadiness(new WorkloadReadiness(Readiness.notReady("1 of 3 replicas updated"), Readiness.ready()));
    pause = new Input.Manual(Command.PAUSE, "on-call");
    atSecondStep = secondStep(fiveSteps);
    atSecondOf99 = secondStep(ninetyNineSteps);
    now = atSecondStep.progressAt().plus(INTERVAL);
    paused = CanaryMachine.decide(fiveSteps, atSecondStep, pause, now).state();
    check(CanaryMachine.decide(fiveSteps, atSecondStep, passing, now).state().step() == 2, "the analysed tick steps up");
    check(CanaryMachine.decide(ninetyNineSteps, atSecondOf99, passing, now).state().step() == 2, "the 99-step tick steps up");
    check(CanaryMachine.decide(fiveSteps, atSecondStep, unready, now).state().equals(atSecondStep), "the held tick holds");
    check(paused.phase() == Phase.PAUSED, "the command pauses");
  }

  private static CanaryPolicy policy(Strategy strategy) {
    CanaryPolicy.Builder b = CanaryPolicy.builder().target("shop", "checkout").strategy(strategy).interval(INTERVAL);
    b.metric(MetricCheck.successRate(99.0)).metric(MetricCheck.latencyP99(500.0))
        .metric(MetricCheck.named(METRICS.get(2)).withQuery("sum(rate(cpu{pod=~\"{{target}}-.*\"}[1m]))").withMax(0.8));
    return b.build();
  }

  private CanaryState secondStep(CanaryPolicy policy) {
    Instant t = T0;
    CanaryState s = CanaryMachine.decide(policy, CanaryState.initial(), new Input.RevisionObserved("v1"), t).state();
    s = CanaryMachine.decide(policy, s, new Input.RevisionObserved("v2"), t).state();
    while (s.step() < 1) {
      t = t.plus(INTERVAL);
      s = CanaryMachine.decide(policy, s, passing, t).state();
    }
    // Pauses and resumes fill the history as a long rollout's would; each adds two entries.
    while (s.history().size() < CanaryState.HISTORY_LIMIT) {
      t = t.plus(INTERVAL);
      s = CanaryMachine.decide(policy, s, pause, t).state();
      s = CanaryMachine.decide(policy, s, new Input.Manual(Command.RESUME, "on-call"), t).state();
    }
    check(s.phase() == Phase.PROGRESSING && s.step() == 1, "the canary is at its second step");
    return s;
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark set-up is wrong: expected that " + what);
    }
  }

  /** A passing tick that steps the weight up, five-step policy. */
  @Benchmark
  public Decision analysedTick() {
    return CanaryMachine.decide(fiveSteps, atSecondStep, passing, now);
  }

  /** A passing tick that steps the weight up, 99-step policy. */
  @Benchmark
  public Decision analysedTick99Steps() {
    return CanaryMachine.decide(ninetyNineSteps, atSecondOf99, passing, now);
  }

  /** A tick whose canary is not ready: held, not judged. */
  @Benchmark
  public Decision heldTick() {
    return CanaryMachine.decide(fiveSteps, atSecondStep, unready, now);
  }

  /** A tick while paused. */
  @Benchmark
  public Decision pausedTick() {
    return CanaryMachine.decide(fiveSteps, paused, passing, now);
  }

  /** A PAUSE command. */
  @Benchmark
  public Decision command() {
    return CanaryMachine.decide(fiveSteps, atSecondStep, pause, now);
  }

  /**
   * Runs every case with the gc profiler and prints operations per second and bytes per operation,
   * then the CPU time per decision of each case measured on the thread that decides: on a shared
   * machine JMH's wall-clock rate also counts the time the thread waits for a core, the CPU time does
   * not, and a core's decisions per second is one over it. {@code --cpu-only} skips JMH.
   */
  public static void main(String[] args) throws RunnerException {
    if (!List.of(args).contains("--cpu-only")) {
      new org.openjdk.jmh.runner.Runner(new OptionsBuilder()
          .include(DecideBenchmark.class.getName() + "\\.")
          .addProfiler("gc")
          .build()).run();
    }
    DecideBenchmark b = new DecideBenchmark();
    b.setUp();
    Map<String, Supplier<Decision>> cases = new LinkedHashMap<>();
    cases.put("analysedTick", b::analysedTick);
    cases.put("analysedTick99Steps", b::analysedTick99Steps);
    cases.put("heldTick", b::heldTick);
    cases.put("pausedTick", b::pausedTick);
    cases.put("command", b::command);
    for (Supplier<Decision> c : cases.values()) {
      for (int round = 0; round < CPU_ROUNDS; round++) {
        cpuNanosPerDecision(c);
      }
    }
    System.out.printf(Locale.ROOT, "%n%-22s %18s %18s %24s%n", "case", "CPU ns/op (best)", "CPU ns/op (median)",
        "decisions per CPU-s (best)");
    for (Map.Entry<String, Supplier<Decision>> c : cases.entrySet()) {
      double[] rounds = new double[CPU_ROUNDS];
      for (int round = 0; round < CPU_ROUNDS; round++) {
        rounds[round] = cpuNanosPerDecision(c.getValue());
      }
      Arrays.sort(rounds);
      System.out.printf(Locale.ROOT, "%-22s %18.1f %18.1f %24.0f%n", c.getKey(), rounds[0], rounds[CPU_ROUNDS / 2],
          1e9 / rounds[0]);
    }
  }

  /** The CPU time of this thread per decision over one round of {@link #CPU_ROUND} decisions. */
  private static double cpuNanosPerDecision(Supplier<Decision> decide) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < CPU_ROUND; i++) {
      sink += decide.get().events().size();
    }
    long spent = threads.getCurrentThreadCpuTime() - start;
    if (sink < 0) {
      throw new IllegalStateException("unreachable: a decision has no negative number of events");
    }
    return spent / (double) CPU_ROUND;
  }
}
