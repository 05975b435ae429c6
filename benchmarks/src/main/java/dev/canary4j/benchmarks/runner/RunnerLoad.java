package dev.canary4j.benchmarks.runner;

import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.ExecutorScheduler;
import dev.canary4j.runner.SameThreadExecutor;
import dev.canary4j.store.InMemoryStateStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the runner costs around the decisions: N canaries on one-second ticks in one JVM, with
 * in-memory adapters, the runner's default call policy beside same-thread calls. For each size and
 * call mode it prints the cores used (process CPU time over a measured window after a warm-up,
 * divided by the window's wall time), the CPU time per tick, the share of it spent in the kernel,
 * the lateness of ticks (how long after the runner asked for it a tick began), and the heap per
 * running canary (used heap after a full collection, minus the same before the canaries, over N).
 *
 * <p>Every canary analyses on every tick: its policy looks every second ({@code lookInterval}) and
 * steps once an hour, judging success rate and p99 latency. Ticks run on a two-thread
 * {@link ExecutorScheduler}; canaries are started spread over the first second, as canaries created
 * at different times are. The runner's logger is set to WARNING, so that the phase changes of the
 * start-up are not printed; nothing a healthy tick does is logged at INFO or above. Run (about 2
 * minutes with the default sizes):
 * <pre>
 * ./mvnw -q -B -DskipTests package &amp;&amp; java -Xmx1g -cp benchmarks/target/canary4j-benchmarks.jar \
 *   dev.canary4j.benchmarks.runner.RunnerLoad [--sizes=100,1000,10000] [--modes=default,same-thread] \
 *   [--warmup=5] [--measure=10]
 * </pre>
 */
public final class RunnerLoad {

  static final Duration TICK = Duration.ofSeconds(1);
  /** The phase changes of the start-up are logged at INFO; nothing a tick does is logged at WARNING. */
  private static final java.util.logging.Logger RUNNER_LOG = java.util.logging.Logger.getLogger("dev.canary4j.runner");

  private RunnerLoad() {}

  /** How the runner makes its remote calls. */
  enum Mode {
    /** {@code CallPolicy.ofDefaults()} with the runner's own call handling. */
    DEFAULT("default"),
    /** The same policy with {@link SameThreadExecutor}: no time limit. */
    SAME_THREAD("same-thread");

    final String label;

    Mode(String label) {
      this.label = label;
    }

    static Mode of(String label) {
      return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("Expected a mode of default, same-thread but was '" + label + "'"));
    }
  }

  /** One configuration's figures. */
  record Result(int canaries, Mode mode, long ticks, double cores, double cpuMicrosPerTick, double systemShare,
      double p50Millis, double p99Millis, double maxMillis, double heapKbPerCanary) {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    int[] sizes = {100, 1_000, 10_000};
    List<Mode> modes = List.of(Mode.DEFAULT, Mode.SAME_THREAD);
    int warmup = 5;
    int measure = 10;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      String value = kv.length == 2 ? kv[1] : "";
      switch (kv[0]) {
        case "--sizes" -> sizes = Arrays.stream(value.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        case "--modes" -> modes = Arrays.stream(value.split(",")).map(String::trim).map(Mode::of).toList();
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--measure" -> measure = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("Unknown argument '" + arg
            + "'; expected --sizes=100,1000 --modes=default,same-thread --warmup=SECONDS --measure=SECONDS");
      }
    }
    RUNNER_LOG.setLevel(java.util.logging.Level.WARNING);
    System.out.printf(Locale.ROOT, "load average at start: %s; %d processors; %s %s%n", loadAverage(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
    for (Mode mode : modes) {
      run(1_000, mode, 3, 1); // compiles the hot paths before anything is measured; not reported
    }
    List<Result> results = new ArrayList<>();
    for (int size : sizes) {
      for (Mode mode : modes) {
        Result r = run(size, mode, warmup, measure);
        results.add(r);
        print(r);
      }
    }
    System.out.printf(Locale.ROOT, "load average at end: %s%n%n", loadAverage());
    System.out.println("| canaries | calls | cores | CPU per tick | kernel share | lateness p50 | p99 | max | heap per canary |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "| %,d | %s | %.2f | %.0f µs | %.0f %% | %.1f ms | %.1f ms | %.1f ms | %.1f KB |%n",
          r.canaries(), r.mode().label, r.cores(), r.cpuMicrosPerTick(), r.systemShare() * 100, r.p50Millis(),
          r.p99Millis(), r.maxMillis(), r.heapKbPerCanary());
    }
  }

  private static void print(Result r) {
    System.out.printf(Locale.ROOT, "%6d canaries, %-11s: %.3f cores, %.1f µs CPU per tick (%.0f %% kernel) over %d ticks;"
        + " lateness p50 %.1f ms, p99 %.1f ms, max %.1f ms; heap %.1f KB per canary%n", r.canaries(), r.mode().label,
        r.cores(), r.cpuMicrosPerTick(), r.systemShare() * 100, r.ticks(), r.p50Millis(), r.p99Millis(), r.maxMillis(),
        r.heapKbPerCanary());
  }

  static Result run(int size, Mode mode, int warmupSeconds, int measureSeconds) throws InterruptedException {
    LoadAdapters adapters = new LoadAdapters();
    TickLateness lateness = new TickLateness(size, (int) ((measureSeconds + 2) * (1000 / TICK.toMillis()) * size) + 1024);
    List<CanaryPolicy> policies = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      policies.add(policy(i));
    }
    long baseline = usedHeapAfterGc();
    AtomicInteger threads = new AtomicInteger();
    ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "load-tick-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    CanaryRunner.Builder builder = CanaryRunner.builder().scheduler(new ExecutorScheduler(ticks))
        .router(adapters.router()).metrics(adapters.metrics()).workloads(adapters.workloads())
        .store(new InMemoryStateStore()).listener(lateness);
    if (mode == Mode.SAME_THREAD) {
      builder.callExecutor(new SameThreadExecutor());
    }
    CanaryRunner runner = builder.build();
    try {
      for (int i = 0; i < size; i++) {
        String id = runner.register(policies.get(i));
        lateness.index(id, i);
        runner.observeRevision(id, "v1");
        runner.observeRevision(id, "v2");
      }
      long spread = TICK.toNanos() / size;
      for (int i = 0; i < size; i++) {
        String id = policies.get(i).target().id();
        ticks.schedule(() -> runner.start(id), i * spread, TimeUnit.NANOSECONDS);
      }
      TimeUnit.SECONDS.sleep(warmupSeconds);
      CpuTimes before = CpuTimes.now();
      long wallBefore = System.nanoTime();
      lateness.open();
      TimeUnit.SECONDS.sleep(measureSeconds);
      lateness.close();
      long wall = System.nanoTime() - wallBefore;
      CpuTimes used = CpuTimes.now().minus(before);
      long heap = usedHeapAfterGc() - baseline;
      long counted = lateness.ticks();
      double[] late = lateness.percentilesMillis(0.50, 0.99, 1.0);
      return new Result(size, mode, counted, (double) used.cpuNanos() / wall, used.cpuNanos() / 1e3 / Math.max(1, counted),
          used.systemShare(), late[0], late[1], late[2], heap / 1024.0 / size);
    } finally {
      runner.close();
      ticks.shutdownNow();
      ticks.awaitTermination(10, TimeUnit.SECONDS);
      TimeUnit.MILLISECONDS.sleep(500); // lets the runner's own threads finish their last ticks and leave
    }
  }

  /** Looks every second and steps once an hour, so that every tick of the run is an analysed one. */
  static CanaryPolicy policy(int i) {
    return CanaryPolicy.builder()
        .target("load", "canary-" + i)
        .strategy(CanaryStrategy.linear(10, 50))
        .interval(Duration.ofHours(1))
        .lookInterval(TICK)
        .metric(MetricCheck.successRate(99))
        .metric(MetricCheck.latencyP99(500))
        .build();
  }

  static long usedHeapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown (" + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ")";
    }
  }
}
