package dev.canary4j.runner;

import dev.canary4j.Command;
import dev.canary4j.GateResult;
import dev.canary4j.Input;
import dev.canary4j.gate.ManualGates;
import dev.canary4j.gate.WebhookGate;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.spi.Gate;
import dev.canary4j.spi.MetricSource;
import dev.canary4j.spi.StateStore;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.spi.Workloads;
import dev.canary4j.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Drives many canaries through {@link dev.canary4j.CanaryMachine}: each tick it measures, asks gates,
 * decides, stores the new state and then performs the actions through the SPIs. Ticks run on a
 * {@link Scheduler}, so no thread is held per canary; {@link #tick} runs one synchronously.
 *
 * <p>Thread-safe. Calls for one canary are serialised; different canaries proceed in parallel on the
 * scheduler's threads. The one exception is a canary taken over from a driver wedged by a call that
 * ignored its time limit: should that call return, its thread finishes its tick beside the new
 * driver, and the store's compare-and-set keeps only one of their decisions. Control methods throw the adapter's exception when the store or an adapter
 * fails, and {@link IllegalArgumentException} for an unknown canary.
 */
public final class CanaryRunner implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("dev.canary4j.runner");
  /**
   * How long a call that its time limit abandoned may take to return before a new driver takes its
   * canary over: most calls return at once when interrupted, and a takeover costs a reload.
   */
  static final Duration TAKEOVER_GRACE = Duration.ofSeconds(1);

  private final Clock clock;
  private final Scheduler scheduler;
  private final StateStore store;
  private final TrafficRouter router;
  private final EventPublisher events;
  private final ManualGates manualGates = new ManualGates();
  private final RemoteCalls calls;
  private final Observer observer;
  private final ActionPerformer performer;
  private final TickThreads tickThreads;
  private final WebhookGate ownedGate;
  private final Map<String, CanaryDriver> canaries = new ConcurrentHashMap<>();
  /**
   * Held to register, start, stop, deregister or take a canary over, so that none of these can land
   * between a takeover's steps; never held while waiting for a driver or a remote.
   */
  private final Object lifecycle = new Object();
  private volatile boolean closed;

  private CanaryRunner(Builder b) {
    this.clock = b.clock;
    this.scheduler = b.scheduler;
    this.store = b.store;
    this.router = b.router;
    this.events = new EventPublisher();
    events.subscribe(new RunnerLogging());
    b.listeners.forEach(events::subscribe);
    // Without a call executor, calls run on the ticking thread under the shared watchdog, and
    // scheduled ticks run on the runner's own threads: a call that ignores the watchdog's interrupt
    // then holds one of those, never the scheduler's, and the others tick on.
    this.tickThreads = b.callExecutor == null ? new TickThreads() : null;
    this.calls = new RemoteCalls(b.callPolicy, b.callExecutor, clock, events);
    calls.onAbandoned(this::callAbandoned);
    this.ownedGate = b.webhookGate == null ? WebhookGate.create() : null;
    this.observer = new Observer(b.metrics, b.workloads, b.webhookGate == null ? ownedGate : b.webhookGate, manualGates, calls);
    this.performer = new ActionPerformer(b.workloads, observer, calls, events);
  }

  /**
   * A builder; router, metrics and workloads are required.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Adds a canary; its state is loaded (and outstanding actions reapplied) on its first tick or command.
   *
   * @param policy the canary's policy; its target must not be registered already
   * @return the canary's id, {@code namespace/name} of its target
   */
  public String register(CanaryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    String id = policy.target().id();
    CanaryDriver driver = new CanaryDriver(id, policy, store, router, observer, performer, calls, events);
    synchronized (lifecycle) {
      if (canaries.putIfAbsent(id, driver) != null) {
        throw new IllegalStateException("Canary '" + id + "' is already registered; deregister it first");
      }
    }
    return id;
  }

  /**
   * Stops ticking canary {@code canaryId} and forgets it; its stored state stays.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   */
  public void deregister(String canaryId) {
    // A call still running on the old driver can overlap a new driver registered under the same id;
    // both write through the store's compare-and-set, so the slower one gets StaleStateException
    // and reloads instead of overwriting the other's state.
    synchronized (lifecycle) {
      CanaryDriver driver = driver(canaryId);
      driver.unschedule();
      canaries.remove(canaryId, driver);
    }
  }

  /**
   * The ids of the registered canaries, sorted.
   *
   * @return the ids, {@code namespace/name} each; a snapshot
   */
  public Set<String> canaries() {
    return new TreeSet<>(canaries.keySet());
  }

  /**
   * Ticks canary {@code canaryId} on the scheduler: now, then once per analysis interval after each tick.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   */
  public void start(String canaryId) {
    if (scheduler == null) {
      throw new IllegalStateException("No scheduler configured: set one with CanaryRunner.builder().scheduler(...)"
          + " or drive canary '" + canaryId + "' with tick()");
    }
    synchronized (lifecycle) {
      CanaryDriver driver = driver(canaryId);
      long gen = driver.markStarted();
      if (gen >= 0) {
        driver.scheduled(scheduler.schedule(Duration.ZERO, () -> scheduledTick(driver, gen)), gen);
      }
    }
  }

  /**
   * Stops ticking canary {@code canaryId}; a tick under way finishes.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   */
  public void stop(String canaryId) {
    synchronized (lifecycle) {
      driver(canaryId).unschedule();
    }
  }

  /**
   * Runs one tick of canary {@code canaryId} now, on the calling thread, and returns its decision.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   * @return the decision with its verdicts, actions and events
   */
  public RunnerEvent.Decided tick(String canaryId) {
    return withDriver(canaryId, d -> d.tick(clock.instant()));
  }

  /**
   * Tells canary {@code canaryId} its target's current revision fingerprint.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   * @param fingerprint the revision running in the canary workload, e.g. a pod-template hash
   * @return the decision; a new fingerprint restarts the analysis
   */
  public RunnerEvent.Decided observeRevision(String canaryId, String fingerprint) {
    return withDriver(canaryId, d -> d.handle(new Input.RevisionObserved(fingerprint), clock.instant()));
  }

  /**
   * Promotes now, skipping the rest of the analysis.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   * @param reason why, kept in the decision history
   * @return the decision
   */
  public RunnerEvent.Decided promote(String canaryId, String reason) {
    return command(canaryId, Command.PROMOTE, reason);
  }

  /**
   * Rolls back now; the canary ends {@code ABORTED}.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   * @param reason why, kept in the decision history
   * @return the decision
   */
  public RunnerEvent.Decided abort(String canaryId, String reason) {
    return command(canaryId, Command.ABORT, reason);
  }

  /**
   * Holds the rollout where it is.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   * @param reason why, kept in the decision history
   * @return the decision
   */
  public RunnerEvent.Decided pause(String canaryId, String reason) {
    return command(canaryId, Command.PAUSE, reason);
  }

  /**
   * Continues a paused rollout.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   * @param reason why, kept in the decision history
   * @return the decision
   */
  public RunnerEvent.Decided resume(String canaryId, String reason) {
    return command(canaryId, Command.RESUME, reason);
  }

  /**
   * Applies a manual command.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   * @param command the command to apply
   * @param reason why, kept in the decision history
   * @return the decision; a command the phase does not allow is refused in it
   */
  public RunnerEvent.Decided command(String canaryId, Command command, String reason) {
    return withDriver(canaryId, d -> d.handle(new Input.Manual(command, reason), clock.instant()));
  }

  /**
   * Answers manual gate {@code gate} of canary {@code canaryId} for the revision under analysis.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   * @param gate the manual gate's name, as the policy lists it
   * @param open whether the rollout may go on
   * @param message the person's explanation, shown with the gate's answer
   */
  public void answerGate(String canaryId, String gate, boolean open, String message) {
    CanaryDriver driver = driver(canaryId);
    GateSpec spec = driver.policy().gate(gate).orElseThrow(() -> new IllegalArgumentException(
        "Canary '" + canaryId + "' has no gate named '" + gate + "'; its gates are "
            + driver.policy().gates().stream().map(GateSpec::name).toList()));
    if (!spec.isManual()) {
      throw new IllegalArgumentException("Gate '" + gate + "' of canary '" + canaryId
          + "' is a webhook (" + spec.url() + "); only manual gates are answered through the runner");
    }
    withDriver(canaryId, d -> {
      d.answerGate(gate, new GateResult(open, message));
      return null;
    });
  }

  /**
   * Phase, weights and the last verdicts of canary {@code canaryId}.
   *
   * @param canaryId the canary's id, as {@link #register} returned it
   * @return the canary's status, from its stored state
   */
  public CanaryStatus status(String canaryId) {
    return withDriver(canaryId, CanaryDriver::status);
  }

  /**
   * The publisher that delivers this runner's events; subscribe listeners here.
   *
   * @return the runner's publisher, never {@code null}
   */
  public EventPublisher events() {
    return events;
  }

  /** Stops every schedule and releases the runner's own threads; stored state stays. */
  @Override
  public void close() {
    closed = true;
    canaries.values().forEach(CanaryDriver::unschedule);
    if (tickThreads != null) {
      tickThreads.close();
    }
    if (ownedGate != null) {
      ownedGate.close();
    }
  }

  private void scheduledTick(CanaryDriver driver, long gen) {
    if (closed || !driver.isCurrent(gen)) {
      return;
    }
    if (tickThreads == null) {
      runScheduledTick(driver, gen);
      return;
    }
    tickThreads.submit(() -> runScheduledTick(driver, gen));
  }

  private void runScheduledTick(CanaryDriver driver, long gen) {
    if (closed || !driver.isCurrent(gen)) {
      return;
    }
    boolean wedged = false;
    try {
      driver.tick(clock.instant());
    } catch (CanaryDriver.Wedged e) {
      wedged = true;
    } catch (RuntimeException e) {
      // Reported as TickFailed; the next tick tries again.
    } finally {
      // Also after an Error, which goes on to the thread's handler: one failed tick must not end
      // the canary's schedule while its status still says it is scheduled.
      if (wedged) {
        takeOverQuietly(driver);
      } else if (!closed && driver.isCurrent(gen)) {
        driver.scheduled(scheduler.schedule(driver.policy().analysis().tickInterval(), () -> scheduledTick(driver, gen)), gen);
      }
    }
  }

  /**
   * Runs {@code op} on the canary's driver; a driver wedged by a call that its time limit abandoned
   * is replaced, and {@code op} runs on the new one, so that a command such as an abort is never held
   * up by an adapter that ignores interrupts.
   */
  private <T> T withDriver(String canaryId, Function<CanaryDriver, T> op) {
    CanaryDriver driver = driver(canaryId);
    while (true) {
      try {
        return op.apply(driver);
      } catch (CanaryDriver.Wedged e) {
        driver = takeOver(driver);
      }
    }
  }

  /** Runs on the watchdog's thread: gives the call a grace to return before its canary is taken over. */
  private void callAbandoned(String canaryId) {
    if (scheduler != null && !closed && canaryId != null) {
      scheduler.schedule(TAKEOVER_GRACE, () -> {
        CanaryDriver driver = canaries.get(canaryId);
        if (!closed && driver != null && driver.wedged()) {
          takeOverQuietly(driver);
        }
      });
    }
  }

  /**
   * Replaces {@code wedged} by a new driver for the same canary, which loads the stored state and,
   * if the old one was scheduled, ticks on. The old driver's thread, should its call ever return, is
   * fenced like a second replica: its store writes fail the compare-and-set and its router writes
   * carry an old version.
   */
  private CanaryDriver takeOver(CanaryDriver wedged) {
    String id = wedged.id();
    synchronized (lifecycle) {
      CanaryDriver fresh = new CanaryDriver(id, wedged.policy(), store, router, observer, performer, calls, events);
      if (!canaries.replace(id, wedged, fresh)) {
        return driver(id); // taken over already, or deregistered
      }
      boolean wasStarted = wedged.isStarted();
      wedged.unschedule();
      wedged.retire();
      LOG.log(System.Logger.Level.WARNING, () -> id + ": a call abandoned at its time limit has not returned;"
          + " a new driver takes the canary over from the stored state");
      if (wasStarted && scheduler != null && !closed) {
        start(id);
      }
      return fresh;
    }
  }

  /** A takeover on a scheduler's or tick thread, where a canary deregistered meanwhile is no failure. */
  private void takeOverQuietly(CanaryDriver wedged) {
    try {
      takeOver(wedged);
    } catch (IllegalArgumentException deregistered) {
      // Nothing left to take over.
    }
  }

  private CanaryDriver driver(String canaryId) {
    CanaryDriver driver = canaries.get(canaryId);
    if (driver == null) {
      throw new IllegalArgumentException("Expected a registered canary but '" + canaryId + "' is not one; registered: "
          + canaries());
    }
    return driver;
  }

  /** Assembles a {@link CanaryRunner}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Scheduler scheduler;
    private TrafficRouter router;
    private MetricSource metrics;
    private Workloads workloads;
    private Gate webhookGate;
    private StateStore store;
    private CallPolicy callPolicy = CallPolicy.ofDefaults();
    private ExecutorService callExecutor;
    private final List<RunnerListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * The clock that stamps decisions; the system UTC clock by default.
     *
     * @param clock the clock; not {@code null}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where ticks are scheduled; needed only for {@link CanaryRunner#start}.
     *
     * @param scheduler the scheduler; not {@code null}
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * The router that reads and sets traffic splits; required.
     *
     * @param router the traffic router; not {@code null}
     * @return this builder
     */
    public Builder router(TrafficRouter router) {
      this.router = Objects.requireNonNull(router, "router");
      return this;
    }

    /**
     * The source of the metrics the policies judge; required.
     *
     * @param metrics the metric source; not {@code null}
     * @return this builder
     */
    public Builder metrics(MetricSource metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /**
     * The workloads that prepare (scale up) canaries and promote, finalise and roll back revisions; required.
     *
     * @param workloads the workloads; not {@code null}
     * @return this builder
     */
    public Builder workloads(Workloads workloads) {
      this.workloads = Objects.requireNonNull(workloads, "workloads");
      return this;
    }

    /**
     * The gate that calls webhook gates (those with a url); an OkHttp {@link WebhookGate} by default.
     *
     * @param gate the gate for webhook gates; not {@code null}
     * @return this builder
     */
    public Builder webhookGate(Gate gate) {
      this.webhookGate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * Where states are stored; in memory by default.
     *
     * @param store the state store; not {@code null}
     * @return this builder
     */
    public Builder store(StateStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Retry, circuit breaker and time limit of remote calls; {@link CallPolicy#ofDefaults()} by default.
     *
     * @param policy the call policy for every adapter; not {@code null}
     * @return this builder
     */
    public Builder callPolicy(CallPolicy policy) {
      this.callPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Where remote calls run. By default none: each call runs on the thread that ticks (or that called
     * a control method), and one watchdog thread shared by the JVM interrupts a call that overruns
     * the time limit, which is then abandoned; ticks started by the scheduler run on the runner's own
     * daemon threads, so that a call that ignores the interrupt holds up only its own canary. An
     * executor given here runs each call on its threads instead, at the cost of two thread switches
     * per call, and abandons even a call that ignores interrupts. {@link SameThreadExecutor} keeps
     * simulations thread-free (no time limit).
     *
     * @param executor the executor, owned and shut down by the caller; not {@code null}
     * @return this builder
     */
    public Builder callExecutor(ExecutorService executor) {
      this.callExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Adds a listener for the runner's events.
     *
     * @param listener the listener; not {@code null}
     * @return this builder
     */
    public Builder listener(RunnerListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the runner, or throws naming every missing collaborator.
     *
     * @return a new runner with no canary registered
     */
    public CanaryRunner build() {
      List<String> missing = new ArrayList<>();
      if (router == null) {
        missing.add("router");
      }
      if (metrics == null) {
        missing.add("metrics");
      }
      if (workloads == null) {
        missing.add("workloads");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("CanaryRunner.builder() is missing " + String.join(", ", missing));
      }
      if (store == null) {
        store = new InMemoryStateStore();
      }
      return new CanaryRunner(this);
    }
  }
}
