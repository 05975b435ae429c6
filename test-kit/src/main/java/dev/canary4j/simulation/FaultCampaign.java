package dev.canary4j.simulation;

import dev.canary4j.CanaryEvent;
import dev.canary4j.Command;
import dev.canary4j.GateResult;
import dev.canary4j.Input;
import dev.canary4j.Phase;
import dev.canary4j.Readiness;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.Measurement;
import dev.canary4j.policy.AbTestingStrategy;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.Mirror;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.Target;
import dev.canary4j.runner.CallPolicy;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.runner.SameThreadExecutor;
import dev.canary4j.spi.MetricObservation;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RoutedSplit;
import dev.canary4j.spi.StateStore;
import dev.canary4j.spi.StoredState;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.spi.TransientAdapterException;
import dev.canary4j.spi.Workloads;
import dev.canary4j.store.InMemoryStateStore;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A randomized fault campaign against the real runner and machine: one schedule per seed, with
 * transient, permanent and (on a slice of runs) real-thread timeout faults in the router, the
 * workloads, the metric source, a webhook gate and the state store; crashes right after any side
 * effect; two runners on one store; readiness that comes late, flaps or never comes; revisions,
 * commands and route changes from outside the runner. Every {@link Invariant} is checked after each
 * side effect, each decision and each step. The same seed gives the same schedule.
 */
public final class FaultCampaign {

  /** What must hold in every schedule. */
  public enum Invariant {
    /** Every split a runner writes sums to 100 and uses only the policy's weights, mirror and matches. */
    WEIGHTS_WITHIN_POLICY,
    /** No tick promotes unless its analysis passed and the canary was ready. */
    NO_PROMOTION_WITHOUT_PASS_AND_READINESS,
    /** No runner write gives the canary more traffic than the stored state did while the canary is not ready. */
    NO_TRAFFIC_RAISED_FOR_UNREADY_CANARY,
    /** Once every adapter answers, a rolled-back canary ends with all traffic on the primary. */
    ROLLBACK_ENDS_ALL_PRIMARY,
    /** Once every adapter answers, the router applies the stored split. */
    ROUTER_CONVERGES_TO_STORED_SPLIT,
    /** The stored state never disappears and its version only grows. */
    NO_STATE_LOST_OR_GOING_BACK,
    /** No side effect is issued by a runner whose state is no longer the stored one. */
    NO_ACTION_FROM_STALE_STATE,
    /**
     * No analysis is judged unless the router applied the stored split through the whole interval
     * before it. Every step of a schedule happens at one instant, so an interval is the time between
     * two steps, and it ran at the stored split if the router applied that split when the step before ended.
     * A write abandoned by its time limit that lands after its step has ended lands inside the interval.
     */
    NO_ANALYSIS_AT_UNAPPLIED_WEIGHTS
  }

  /**
   * The outcome of one schedule.
   *
   * @param seed the schedule's seed
   * @param violations each violated invariant with its first violation described
   * @param realThreads whether the schedule ran remote calls on real threads with a time limit
   */
  public record Result(long seed, Map<Invariant, String> violations, boolean realThreads) {}

  private static final Target TARGET = Target.of("shop", "podinfo");
  private static final String ID = TARGET.id();
  private static final int STEPS = 30;
  private static final int HEALING_TICKS = 12;
  private static final List<RequestMatch> MATCHES = List.of(RequestMatch.headerExact("x-canary", "insider"));

  /** Thrown right after a side effect to stop a runner dead, as a kill would. */
  private static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("crash after a side effect", null, false, false);
    }
  }

  private final long seed;
  private final Random random;
  private final CanaryPolicy policy;
  private final boolean twoRunners;
  private final double faultRate;
  private final double crashRate;
  private final boolean realThreads;
  private final int readinessMode;
  private final int readyAfter;
  private final int neverReadyFrom;
  private final double canaryErrorRate;
  private final SimulatedClock clock = new SimulatedClock(Scenario.DEFAULT_START);
  private final InMemoryRouter routes = new InMemoryRouter();
  private final InMemoryWorkloads workloads = new InMemoryWorkloads();
  private final InMemoryStateStore states = new InMemoryStateStore();
  private final Map<Invariant, String> violations = new EnumMap<>(Invariant.class);
  private final ExecutorService threads;
  private final Slot[] slots;
  /** Where a traced schedule writes what happens, one line per event; null when not traced. */
  private final Consumer<String> trace;
  private boolean faulty = true;
  private volatile Slot acting;
  private int step;
  private int revisions = 2;
  private int runnersStarted;
  private long highestVersion;
  private boolean everSaved;
  /** Whether the router applied the stored split when the last step ended, and that split. */
  private boolean consistentAtLastStepEnd = true;
  private TrafficSplit storedAtLastStepEnd = TrafficSplit.allPrimary();
  private TrafficSplit storedBeforeLastSave = TrafficSplit.allPrimary();
  private TrafficSplit routesAtLastStepEnd = TrafficSplit.allPrimary();
  private TrafficSplit storedAtStepStart = TrafficSplit.allPrimary();

  private FaultCampaign(long seed, boolean allowRealThreads, Consumer<String> trace) {
    this.seed = seed;
    this.trace = trace;
    this.random = new Random(seed);
    this.policy = policy(random);
    boolean second = random.nextDouble() < 0.3;
    this.faultRate = new double[] {0, 0.05, 0.15, 0.3}[random.nextInt(4)];
    this.realThreads = allowRealThreads && random.nextInt(100) == 0;
    // Real threads run one runner: two replicas are two processes, each with its own call threads.
    this.twoRunners = second && !realThreads;
    // A crash is an Error thrown on the calling thread; on real threads it would not stop the runner.
    this.crashRate = !realThreads && random.nextDouble() < 0.3 ? 0.03 : 0;
    this.readinessMode = random.nextInt(5);
    this.readyAfter = 1 + random.nextInt(5);
    this.neverReadyFrom = 2 + random.nextInt(10);
    this.canaryErrorRate = new double[] {0, 0, 0.3, 1}[random.nextInt(4)];
    this.threads = realThreads ? Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fault-campaign-call");
      t.setDaemon(true);
      return t;
    }) : null;
    this.slots = new Slot[twoRunners ? 2 : 1];
  }

  /**
   * Runs the schedule of {@code seed}; a slice of the seeds runs remote calls on real threads.
   *
   * @param seed the schedule's seed; the same seed plays the same faults
   * @return the seed and every violated invariant
   */
  public static Result run(long seed) {
    return run(seed, true);
  }

  /**
   * Runs the schedule of {@code seed}, on real threads only if {@code allowRealThreads} and the seed says so.
   *
   * @param seed the schedule's seed; the same seed plays the same faults
   * @param allowRealThreads {@code false} to keep every call on the caller's thread, whatever the seed
   * @return the seed, every violated invariant, and whether real threads were used
   */
  public static Result run(long seed, boolean allowRealThreads) {
    return run(seed, allowRealThreads, null);
  }

  /**
   * Runs the schedule of {@code seed} as {@link #run(long)} does and writes to {@code trace}, one line
   * each, every step's outside event, every runner event, router write, store save and the state of
   * store and router at the end of each step: what to read when a seed breaks an invariant.
   *
   * @param seed the schedule's seed; the same seed plays the same faults
   * @param trace receives the trace, one line per call; not null
   * @return the seed, every violated invariant, and whether real threads were used
   */
  public static Result trace(long seed, Consumer<String> trace) {
    return run(seed, true, Objects.requireNonNull(trace, "trace"));
  }

  private static Result run(long seed, boolean allowRealThreads, Consumer<String> trace) {
    FaultCampaign campaign = new FaultCampaign(seed, allowRealThreads, trace);
    campaign.log(() -> "seed " + seed + ": " + campaign.policy.strategy() + ", fault rate " + campaign.faultRate
        + ", crash rate " + campaign.crashRate + ", runners " + campaign.slots.length + ", real threads "
        + campaign.realThreads + ", readiness mode " + campaign.readinessMode);
    try {
      campaign.play();
    } finally {
      if (campaign.threads != null) {
        campaign.threads.shutdownNow();
      }
    }
    return new Result(seed, Map.copyOf(campaign.violations), campaign.realThreads);
  }

  private static CanaryPolicy policy(Random random) {
    CanaryPolicy.Builder b = CanaryPolicy.builder().target("shop", "podinfo").interval(Duration.ofMinutes(1))
        .metric(MetricCheck.successRate(99));
    switch (random.nextInt(4)) {
      case 0 -> b.strategy(CanaryStrategy.linear(20, 60));
      case 1 -> b.strategy(BlueGreenStrategy.of(2));
      case 2 -> b.strategy(new AbTestingStrategy(2, MATCHES));
      default -> b.strategy(CanaryStrategy.steps(10, 50).withMirror(new Mirror(50)));
    }
    if (random.nextDouble() < 0.3) {
      b.gate(GateSpec.webhook("approve", GateType.CONFIRM_PROMOTION, URI.create("http://approve.invalid/")));
    }
    return b.build();
  }

  private void play() {
    faulty = false;
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot();
    }
    act(slots[0], r -> r.observeRevision(ID, "v1"));
    act(slots[0], r -> r.observeRevision(ID, "v2"));
    endOfStep();
    faulty = true;
    for (step = 1; step <= STEPS; step++) {
      clock.advance(policy.analysis().interval());
      storedAtStepStart = stored().map(s -> s.state().split()).orElse(TrafficSplit.allPrimary());
      script();
      Slot slot = slots[random.nextInt(slots.length)];
      double event = random.nextDouble();
      if (event < 0.04) {
        TrafficSplit outside = new TrafficSplit[] {TrafficSplit.allPrimary(), TrafficSplit.canary(37),
            TrafficSplit.canary(100)}[random.nextInt(3)];
        log(() -> "step " + step + ": the route is changed outside the runner to " + outside);
        routes.apply(TARGET, outside);
      } else if (event < 0.07) {
        String revision = "v" + (++revisions);
        log(() -> "step " + step + ": runner " + slot.name + " observes revision " + revision);
        act(slot, r -> r.observeRevision(ID, revision));
      } else if (event < 0.11) {
        Command command = new Command[] {Command.ABORT, Command.PAUSE, Command.RESUME}[random.nextInt(3)];
        log(() -> "step " + step + ": runner " + slot.name + " gets command " + command);
        act(slot, r -> r.command(ID, command, "campaign"));
      }
      log(() -> "step " + step + ": runner " + slot.name + " ticks");
      act(slot, r -> r.tick(ID));
      endOfStep();
    }
    heal();
  }

  /** The readiness the canary's workload reports at this step. */
  private void script() {
    Readiness canary = switch (readinessMode) {
      case 1 -> step > readyAfter ? Readiness.ready() : Readiness.notReady("starting");
      case 2 -> random.nextDouble() < 0.25 ? Readiness.notReady("probe failed") : Readiness.ready();
      case 3 -> Readiness.notReady("ImagePullBackOff");
      case 4 -> step >= neverReadyFrom ? Readiness.neverReady("ProgressDeadlineExceeded") : Readiness.ready();
      default -> Readiness.ready();
    };
    workloads.setCanaryReadiness(TARGET, canary);
  }

  /** Faults off, one runner: it must converge, and a rolled-back canary must end without traffic. */
  private void heal() {
    if (realThreads) {
      awaitStalledCalls();
    }
    faulty = false;
    Slot last = new Slot();
    log(() -> "faults off: runner " + last.name + " ticks alone");
    for (int i = 0; i < HEALING_TICKS; i++, step++) {
      clock.advance(policy.analysis().interval());
      storedAtStepStart = stored().map(s -> s.state().split()).orElse(TrafficSplit.allPrimary());
      log(() -> "step " + step + ": runner " + last.name + " ticks");
      act(last, r -> r.tick(ID));
      endOfStep();
    }
    Optional<StoredState> end = stored();
    TrafficSplit routed = routes.observe(TARGET);
    if (end.isPresent()) {
      Phase phase = end.get().state().phase();
      if ((phase == Phase.FAILED || phase == Phase.ABORTED) && !routed.isAllPrimary()) {
        violate(Invariant.ROLLBACK_ENDS_ALL_PRIMARY, "phase " + phase + " but the router applies " + routed);
      }
      if (!routed.equals(end.get().state().split())) {
        violate(Invariant.ROUTER_CONVERGES_TO_STORED_SPLIT, "stored " + end.get().state().split() + ", routed " + routed);
      }
    }
  }

  private void awaitStalledCalls() {
    long until = System.nanoTime() + Duration.ofMillis(100).toNanos();
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }

  private void endOfStep() {
    Optional<StoredState> now = stored();
    if (everSaved && now.isEmpty()) {
      violate(Invariant.NO_STATE_LOST_OR_GOING_BACK, "the stored state disappeared at step " + step);
    }
    routesAtLastStepEnd = routes.observe(TARGET);
    storedAtLastStepEnd = now.map(s -> s.state().split()).orElse(TrafficSplit.allPrimary());
    consistentAtLastStepEnd = routes.observe(TARGET).equals(storedAtLastStepEnd);
    log(() -> "end of step " + step + ": stored " + now.map(s -> s.version() + " " + s.state().phase() + " "
        + s.state().split()).orElse("nothing") + ", router " + routes.observeRouted(TARGET));
  }

  private void log(Supplier<String> line) {
    if (trace != null) {
      trace.accept(line.get());
    }
  }

  private Optional<StoredState> stored() {
    return states.load(ID);
  }

  private interface RunnerCall {
    void on(CanaryRunner runner);
  }

  /** Calls the slot's runner; a crash replaces it by a fresh runner, as a restarted controller would be. */
  private void act(Slot slot, RunnerCall call) {
    acting = slot;
    try {
      call.on(slot.runner);
    } catch (Crash crash) {
      log(() -> "  runner " + slot.name + " crashes and restarts");
      slot.restart();
    } catch (RuntimeException failed) {
      // Reported by the runner as an event; the schedule goes on as a host's loop would.
      log(() -> "  the call failed: " + failed);
    } finally {
      acting = null;
    }
  }

  private void violate(Invariant invariant, String what) {
    log(() -> "  VIOLATION " + invariant + ": " + what);
    violations.putIfAbsent(invariant, "seed " + seed + ", step " + step + ": " + what);
  }

  private void maybeFail(String what) {
    if (!faulty || random.nextDouble() >= faultRate) {
      return;
    }
    if (random.nextDouble() < 0.2) {
      throw new PermanentAdapterException("injected permanent failure of " + what);
    }
    throw new TransientAdapterException("injected transient failure of " + what);
  }

  private void maybeCrash() {
    if (faulty && random.nextDouble() < crashRate) {
      throw new Crash();
    }
  }

  /** Checks a side effect of {@code by}: its state must still be the stored one. */
  private void effectBy(Slot by, String what) {
    if (by == null) {
      return;
    }
    String current = stored().map(StoredState::version).orElse(null);
    if (by.lastSeen != null && !by.lastSeen.equals(current)) {
      violate(Invariant.NO_ACTION_FROM_STALE_STATE, what + " by a runner at version " + by.lastSeen
          + " while the store holds " + current);
    }
  }

  private void checkWrite(TrafficSplit split) {
    boolean blueGreen = policy.strategy() instanceof BlueGreenStrategy;
    Set<Integer> weights = new HashSet<>(List.of(0));
    if (policy.strategy() instanceof CanaryStrategy c) {
      weights.addAll(c.weights());
    }
    if (blueGreen) {
      weights.add(100);
    }
    int mirror = policy.strategy() instanceof CanaryStrategy c && c.mirror() != null ? c.mirror().percentage() : 0;
    boolean matchesOk = split.matches().isEmpty()
        || policy.strategy() instanceof AbTestingStrategy && split.matches().equals(MATCHES);
    if (split.primary() + split.canary() != 100 || !weights.contains(split.canary())
        || split.mirror() != 0 && split.mirror() != mirror || !matchesOk) {
      violate(Invariant.WEIGHTS_WITHIN_POLICY, "wrote " + split);
    }
    boolean raises = split.canary() > storedAtStepStart.canary() || split.mirror() > storedAtStepStart.mirror()
        || !split.matches().isEmpty() && storedAtStepStart.matches().isEmpty();
    if (raises && !canaryReady()) {
      violate(Invariant.NO_TRAFFIC_RAISED_FOR_UNREADY_CANARY, "wrote " + split + " over " + storedAtStepStart
          + " while the canary is not ready");
    }
  }

  private boolean canaryReady() {
    String revision = stored().map(s -> s.state().revision()).orElse(null);
    return workloads.canaryReadiness(TARGET, revision).isReady();
  }

  private void decided(RunnerEvent event) {
    if (!(event instanceof RunnerEvent.AdapterCalled) && !(event instanceof RunnerEvent.TickCompleted)) {
      log(() -> "  " + event);
    }
    if (!(event instanceof RunnerEvent.Decided d)) {
      return;
    }
    boolean judged = d.events().stream().anyMatch(e -> e instanceof CanaryEvent.AnalysisJudged);
    if (judged && (!consistentAtLastStepEnd || !storedAtLastStepEnd.equals(storedBeforeLastSave))) {
      violate(Invariant.NO_ANALYSIS_AT_UNAPPLIED_WEIGHTS, "judged the interval in which the router applied "
          + routesAtLastStepEnd + " and the state said " + storedAtLastStepEnd);
    }
    boolean promotes = d.events().stream().anyMatch(e -> e instanceof CanaryEvent.PhaseChanged p && p.to() == Phase.PROMOTING);
    if (promotes && d.input() instanceof Input.Tick tick) {
      boolean passed = d.events().stream().anyMatch(e -> e instanceof CanaryEvent.AnalysisJudged a
          && a.outcome() == dev.canary4j.AnalysisOutcome.PASS);
      if (!passed || !tick.readiness().canary().isReady() || !canaryReady()) {
        violate(Invariant.NO_PROMOTION_WITHOUT_PASS_AND_READINESS, "promoted by a tick that passed: " + passed
            + ", canary ready: " + canaryReady());
      }
    }
  }

  /** One runner with its own view of the shared store, which remembers the version it last loaded or saved. */
  private final class Slot {
    final String name = "#" + ++runnersStarted;
    CanaryRunner runner;
    String lastSeen;

    Slot() {
      start();
    }

    void restart() {
      runner.close();
      start();
    }

    private void start() {
      lastSeen = null;
      CanaryRunner.Builder b = CanaryRunner.builder().clock(clock).router(new FaultyRouter()).metrics(q -> {
        maybeFail("the metric source");
        double canary = random.nextDouble() < canaryErrorRate ? 95 : 99.9;
        return MetricObservation.of(Measurement.of(canary, 1000), Measurement.of(99.9, 1000));
      }).workloads(new FaultyWorkloads()).store(new SlotStore(this)).webhookGate(request -> {
        maybeFail("the gate");
        return random.nextDouble() < 0.7 ? GateResult.open("approved") : GateResult.closed("not yet");
      }).listener(FaultCampaign.this::decided);
      if (realThreads) {
        b.callExecutor(threads).callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO)
            .withTimeLimit(Duration.ofMillis(25)));
      } else {
        b.callExecutor(new SameThreadExecutor()).callPolicy(CallPolicy.ofDefaults().withRetries(1, Duration.ZERO));
      }
      runner = b.build();
      runner.register(policy);
    }
  }

  /** The shared store as one runner sees it, with faults and a crash after each write. */
  private final class SlotStore implements StateStore {
    private final Slot slot;

    SlotStore(Slot slot) {
      this.slot = slot;
    }

    @Override
    public Optional<StoredState> load(String canaryId) {
      maybeFail("the state store");
      Optional<StoredState> s = states.load(canaryId);
      slot.lastSeen = s.map(StoredState::version).orElse(null);
      return s;
    }

    @Override
    public Optional<String> version(String canaryId) {
      maybeFail("the state store");
      return states.version(canaryId);
    }

    @Override
    public String save(String canaryId, dev.canary4j.CanaryState state, String expectedVersion) {
      maybeFail("the state store");
      TrafficSplit before = states.load(canaryId).map(s -> s.state().split()).orElse(TrafficSplit.allPrimary());
      String version = states.save(canaryId, state, expectedVersion);
      storedBeforeLastSave = before;
      log(() -> "  runner " + slot.name + " stored version " + version + ": " + state.phase() + " " + state.split());
      slot.lastSeen = version;
      long v = Long.parseLong(version);
      if (v <= highestVersion) {
        violate(Invariant.NO_STATE_LOST_OR_GOING_BACK, "saved version " + v + " after " + highestVersion);
      }
      highestVersion = Math.max(highestVersion, v);
      everSaved = true;
      maybeCrash();
      return version;
    }
  }

  /** The in-memory router with faults, a crash after each write, and (on real threads) writes that stall. */
  private final class FaultyRouter implements TrafficRouter {
    @Override
    public TrafficSplit observe(Target target) {
      return observeRouted(target).split();
    }

    @Override
    public RoutedSplit observeRouted(Target target) {
      maybeFail("the router");
      return routes.observeRouted(target);
    }

    @Override
    public void apply(Target target, TrafficSplit split) {
      apply(target, split, null);
    }

    @Override
    public String apply(Target target, TrafficSplit split, String expectedVersion) {
      // Staleness is checked when the runner issues the write; one that a time limit abandoned and
      // that lands later is the router's version fence's to refuse.
      effectBy(acting, "SetTraffic " + split);
      maybeFail("the router");
      if (realThreads && random.nextInt(4) == 0) {
        stall(); // longer than the time limit: the runner abandons the call, which lands later
      }
      String version;
      try {
        version = routes.apply(target, split, expectedVersion);
      } catch (RuntimeException refused) {
        log(() -> "  router write " + split + " at version " + expectedVersion + " refused: " + refused.getMessage());
        throw refused;
      }
      log(() -> "  router write " + split + " at version " + expectedVersion + " landed as " + version);
      checkWrite(split);
      maybeCrash();
      if (faulty && random.nextDouble() < faultRate / 4) {
        throw new TransientAdapterException("injected loss of the router's answer");
      }
      return version;
    }

    private void stall() {
      long until = System.nanoTime() + Duration.ofMillis(60).toNanos();
      while (System.nanoTime() < until) {
        Thread.onSpinWait(); // ignores the interrupt of the time limit, as a blocking socket write would
      }
    }
  }

  /** The in-memory workloads with faults and a crash after each change. */
  private final class FaultyWorkloads implements Workloads {
    @Override
    public void prepare(Target target, String revision) {
      change("prepare", () -> workloads.prepare(target, revision));
    }

    @Override
    public void promote(Target target, String revision) {
      change("promote", () -> workloads.promote(target, revision));
    }

    @Override
    public void finalise(Target target, String revision) {
      change("finalise", () -> workloads.finalise(target, revision));
    }

    @Override
    public void rollBack(Target target, String revision) {
      change("rollBack", () -> workloads.rollBack(target, revision));
    }

    @Override
    public Readiness canaryReadiness(Target target, String revision) {
      maybeFail("the workloads");
      return workloads.canaryReadiness(target, revision);
    }

    @Override
    public Readiness primaryReadiness(Target target, String revision) {
      maybeFail("the workloads");
      return workloads.primaryReadiness(target, revision);
    }

    private void change(String what, Runnable effect) {
      effectBy(acting, what);
      maybeFail("the workloads");
      effect.run();
      maybeCrash();
    }
  }
}
