package dev.canary4j.benchmarks.campaign;

import dev.canary4j.simulation.FaultCampaign;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * Runs the fault campaign over many randomized schedules and prints, per invariant, how many
 * schedules violated it, with the first violation of each. Exit code 1 if any invariant was violated.
 * With {@code --trace SEED} it runs that one schedule and prints what happened in it, step by step.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package && java -cp benchmarks/target/canary4j-benchmarks.jar \
 *     dev.canary4j.benchmarks.campaign.FaultCampaignRun 100000 [first seed] [threads]
 * java -cp benchmarks/target/canary4j-benchmarks.jar dev.canary4j.benchmarks.campaign.FaultCampaignRun --trace 63375
 * </pre>
 */
public final class FaultCampaignRun {

  private FaultCampaignRun() {}

  /**
   * Arguments: number of schedules (default 100000), first seed (default 0), threads (default:
   * processors); or {@code --trace SEED}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--trace")) {
      FaultCampaign.Result r = FaultCampaign.trace(Long.parseLong(args[1]), System.out::println);
      System.out.println(r.violations().isEmpty() ? "no invariant violated" : "violated: " + r.violations());
      System.exit(r.violations().isEmpty() ? 0 : 1);
    }
    long schedules = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
    long first = args.length > 1 ? Long.parseLong(args[1]) : 0;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    Map<FaultCampaign.Invariant, AtomicLong> counts = new EnumMap<>(FaultCampaign.Invariant.class);
    for (FaultCampaign.Invariant i : FaultCampaign.Invariant.values()) {
      counts.put(i, new AtomicLong());
    }
    Map<FaultCampaign.Invariant, String> firstSeen = new ConcurrentHashMap<>();
    AtomicLong realThreads = new AtomicLong();
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
    pool.submit(() -> LongStream.range(first, first + schedules).parallel().forEach(seed -> {
      FaultCampaign.Result r = FaultCampaign.run(seed);
      if (r.realThreads()) {
        realThreads.incrementAndGet();
      }
      r.violations().forEach((invariant, what) -> {
        counts.get(invariant).incrementAndGet();
        firstSeen.putIfAbsent(invariant, what);
      });
      long n = done.incrementAndGet();
      if (n % 5000 == 0) {
        System.out.printf("  %d schedules done, %d violations so far%n", n,
            counts.values().stream().mapToLong(AtomicLong::get).sum());
      }
    })).get();
    pool.shutdown();
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    System.out.printf("fault campaign: %d schedules (seeds %d..%d, %d on real threads with time limits) in %d s%n",
        schedules, first, first + schedules - 1, realThreads.get(), seconds);
    long total = 0;
    for (Map.Entry<FaultCampaign.Invariant, AtomicLong> e : counts.entrySet()) {
      System.out.printf("  %-40s %d violations%s%n", e.getKey(), e.getValue().get(),
          firstSeen.containsKey(e.getKey()) ? "  (first: " + firstSeen.get(e.getKey()) + ")" : "");
      total += e.getValue().get();
    }
    System.exit(total == 0 ? 0 : 1);
  }
}
