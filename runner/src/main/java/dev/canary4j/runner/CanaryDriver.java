package dev.canary4j.runner;

import dev.canary4j.Action;
import dev.canary4j.CanaryEvent;
import dev.canary4j.CanaryMachine;
import dev.canary4j.CanaryState;
import dev.canary4j.Decision;
import dev.canary4j.GateResult;
import dev.canary4j.Input;
import dev.canary4j.TickPlan;
import dev.canary4j.TrafficSplit;
import dev.canary4j.WorkloadReadiness;
import dev.canary4j.judge.Verdict;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RoutedSplit;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.StateStore;
import dev.canary4j.spi.StoredState;
import dev.canary4j.spi.TrafficRouter;
import dev.canary4j.spi.TransientAdapterException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drives one canary: loads its state, asks the machine, stores the new state and then performs the
 * actions. Every entry point holds the driver's lock, so ticks and commands for one canary never
 * interleave. A driver whose lock is held by a thread stuck in a call that the time limit abandoned
 * is wedged: an entry point then throws {@link Wedged} instead of waiting for the call to return,
 * and the runner replaces the driver (see {@link CanaryRunner}).
 *
 * <p>Crash safety rests on two rules. The state is stored before any action is performed, so an
 * action (a promotion above all) is never performed for a decision that was not stored. And actions
 * not known to be done are performed again before the next decision: after a failure the remaining
 * actions are kept in order; after a restart the actions the stored phase implies are repeated (all
 * SPIs are idempotent), starting with the stored weights.
 *
 * <p>Every side effect is fenced by the state it was decided from: before each action the stored
 * version is checked, and a driver whose state was replaced by another controller performs nothing
 * more and reloads. Router writes are also fenced by the router's own version, so a write that a
 * time limit abandoned cannot land after a later one. A tick whose router observation or drift
 * correction failed is not judged, since its metrics would describe weights that were not applied;
 * nor is the first tick after a load, whose stored weights are owed: the controller that stored them
 * may have had its write abandoned, and that write may have landed at any time in the interval.
 */
final class CanaryDriver {

  /** How often a thread waiting for the lock checks whether its holder is wedged. */
  private static final long WEDGE_CHECK_MILLIS = 50;

  private final String id;
  private final CanaryPolicy policy;
  private final StateStore store;
  private final TrafficRouter router;
  private final Observer observer;
  private final ActionPerformer performer;
  private final RemoteCalls calls;
  private final EventPublisher events;

  private final ReentrantLock lock = new ReentrantLock();
  /** The thread that holds the lock for a tick or command, or null. */
  private volatile Thread busy;
  /** Set once another driver has taken over this canary; a tick chain of this one then ends. */
  private volatile boolean retired;

  private boolean loaded;
  private CanaryState state = CanaryState.initial();
  private String version;
  private List<Action> pending = List.of();
  /** The router's version of the split as this driver last saw or wrote it; unknown after a failed write. */
  private String routerVersion;
  private boolean routerVersionKnown;
  /** Whether weights were set again between ticks (by a command's reapply): the interval ran partly at others. */
  private boolean weightsSetBetweenTicks;
  /** Whether a traffic write of this driver failed or was abandoned: it may have landed at any time since. */
  private boolean trafficWriteFailed;
  /** Guards the schedule's fields, apart from the lock, which a tick holds for as long as it runs. */
  private final Object schedule = new Object();
  private Scheduler.Cancellable scheduled;
  private volatile boolean started;
  private volatile long generation;

  CanaryDriver(String id, CanaryPolicy policy, StateStore store, TrafficRouter router, Observer observer,
      ActionPerformer performer, RemoteCalls calls, EventPublisher events) {
    this.id = id;
    this.policy = policy;
    this.store = store;
    this.router = router;
    this.observer = observer;
    this.performer = performer;
    this.calls = calls;
    this.events = events;
  }

  CanaryPolicy policy() {
    return policy;
  }

  String id() {
    return id;
  }

  /**
   * One analysis tick: observe the router, reconcile, measure, decide, store, act. A tick that finds
   * the router at other weights than the state's (a write that failed, a change outside the runner)
   * sets them again and is not judged: its metrics describe weights that were not the state's. So
   * does a tick that owes the state's weights (after a load, or a write that failed), even when the
   * router shows them. It throws instead, as it does when the router cannot be observed.
   */
  RunnerEvent.Decided tick(Instant now) {
    enter();
    try {
      return tickLocked(now);
    } finally {
      exit();
    }
  }

  private RunnerEvent.Decided tickLocked(Instant now) {
    long start = System.nanoTime();
    boolean decided = false;
    try {
      load();
      // Weights still owed (those a loaded state implies above all) are not known to have been applied
      // through the interval: the controller that stored them may have stopped before writing them,
      // or had its write abandoned by a time limit, and such a write may land at any time in the
      // interval. Seeing them in the router now says nothing about the interval before.
      boolean weightsOwed = pending.stream().anyMatch(a -> a instanceof Action.SetTraffic);
      TrafficSplit seen = observeRouter().split();
      reapplyPending(now);
      boolean setBetweenTicks = weightsSetBetweenTicks || trafficWriteFailed || weightsOwed;
      weightsSetBetweenTicks = false;
      trafficWriteFailed = false;
      if (!seen.equals(state.split()) || setBetweenTicks) {
        String before = version;
        correctDrift(now);
        if (CanaryMachine.plan(policy, state).analyse()) {
          if (Objects.equals(before, version)) {
            // Stored again, unchanged: a version newer than any judgement another replica was about
            // to store about the interval that ran at other weights, so that replica's store fails.
            version = calls.call(id, "state store", "storing the state of " + id, () -> store.save(id, state, before));
          }
          throw new TransientAdapterException(setBetweenTicks ? "the weights were set again, or a write of them "
              + "failed or was owed, since the last tick; this tick is not judged" : "the router applied " + seen
              + " instead of " + state.split() + " when the tick began; the weights are set again and this tick is "
              + "not judged");
        }
      }
      TickPlan plan = CanaryMachine.plan(policy, state);
      Observer.Observations seenMetrics = observer.measure(policy, state, plan.metrics(), now);
      Map<String, GateResult> gates = observer.ask(id, policy, state, plan.gates());
      WorkloadReadiness readiness = observer.readiness(policy, state);
      RunnerEvent.Decided result = decide(new Input.Tick(seenMetrics.verdicts(), gates, seenMetrics.evidence(), readiness),
          seenMetrics.verdicts(), gates, now);
      decided = true;
      return result;
    } catch (AdapterException e) {
      events.publish(new RunnerEvent.TickFailed(id, now, e.getMessage()));
      throw e;
    } finally {
      events.publish(new RunnerEvent.TickCompleted(id, now, java.time.Duration.ofNanos(System.nanoTime() - start),
          decided));
    }
  }

  /**
   * Feeds one non-tick input (a revision, a command) to the machine; it is decided and stored even
   * while an outstanding action keeps failing. A permanently failing action (say, promoting a canary
   * that changed since its analysis) is superseded by what the input decides: a new revision or an
   * abort is exactly what decides what to do instead. A transiently failing one stays owed, ahead of
   * the input's actions, unless the input replaces it: a traffic change when the input sets the
   * traffic, a workload change for a revision the state is no longer about. Ticks stay blocked, so
   * no analysis advances on weights that were never applied.
   */
  RunnerEvent.Decided handle(Input input, Instant now) {
    enter();
    try {
      return handleLocked(input, now);
    } finally {
      exit();
    }
  }

  private RunnerEvent.Decided handleLocked(Input input, Instant now) {
    load();
    if (!trafficWriteFailed && pending.stream().anyMatch(a -> a instanceof Action.SetTraffic)) {
      // Weights owed (since a load above all) are not known to have been applied through the interval,
      // even if the router shows them now (a write abandoned by the controller that stored them may
      // have landed late), and they are set now, between two ticks: the next tick is not judged.
      weightsSetBetweenTicks = true;
      try {
        observeRouter(); // the write that follows is fenced by the router's version as it is now
      } catch (AdapterException e) {
        // Fenced by the version last seen instead; a refused write stays owed.
      }
    }
    List<Action> stuck = List.of();
    boolean permanent = false;
    try {
      reapplyPending(now);
    } catch (StaleStateException e) {
      throw e; // another controller moved on: nothing this one would decide may be stored
    } catch (PermanentAdapterException e) {
      stuck = pending;
      permanent = true;
    } catch (AdapterException e) {
      stuck = pending;
    }
    RunnerEvent.Decided decided = decide(input, List.of(), Map.of(), now, permanent ? List.of() : stuck);
    if (permanent && decided.actions().isEmpty()) {
      pending = stuck; // nothing superseded them, so they are still owed
    }
    return decided;
  }

  CanaryStatus status() {
    enter();
    try {
      load();
      return new CanaryStatus(id, state.phase(), state.split(), state.revision(), state.step(), state.counters(),
          state.lastVerdicts(), pending, started);
    } finally {
      exit();
    }
  }

  /**
   * Records a manual gate's answer for the revision under analysis. Under the driver's lock, so an
   * answer cannot read the old analysis' revision and land after a new analysis has forgotten the
   * answers given before it.
   */
  void answerGate(String gate, GateResult result) {
    enter();
    try {
      load();
      observer.answer(id, gate, state.revision(), result);
    } finally {
      exit();
    }
  }

  CanaryState state() {
    enter();
    try {
      load();
      return state;
    } finally {
      exit();
    }
  }

  /**
   * Thrown by an entry point of a wedged or retired driver: its lock is held by a thread stuck in a
   * call that the time limit abandoned (which may never return), or another driver has taken over.
   */
  static final class Wedged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Wedged(String message) {
      super(message, null, false, false);
    }
  }

  /** Whether the thread holding the lock is inside a call that the time limit abandoned. */
  boolean wedged() {
    Thread holder = busy;
    return holder != null && CallWatchdog.SHARED.inAbandonedCall(holder);
  }

  /**
   * Marks this driver as taken over: its entry points throw {@link Wedged} and its tick chain ends.
   * Whatever its stuck thread does once its call returns is fenced by the store's compare-and-set and
   * the router's version, as a second replica would be.
   */
  void retire() {
    retired = true;
  }

  private void enter() {
    try {
      // Waits in slices rather than at once, to notice a holder that an abandoned call wedged meanwhile.
      while (!lock.tryLock(WEDGE_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
        if (retired || wedged()) {
          throw new Wedged("canary " + id + " is held by a call that its time limit abandoned");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for canary " + id, e);
    }
    if (retired) {
      lock.unlock();
      throw new Wedged("canary " + id + " was taken over by a new driver");
    }
    if (lock.getHoldCount() == 1) {
      busy = Thread.currentThread();
    }
  }

  private void exit() {
    if (lock.getHoldCount() == 1) {
      busy = null;
    }
    lock.unlock();
  }

  /**
   * Marks the canary as ticked by the scheduler and returns the new schedule's generation, or -1 when
   * it already was. A tick chain carries its generation so that a chain left running by a stop and a
   * quick start ends instead of ticking alongside the new one.
   */
  long markStarted() {
    synchronized (schedule) {
      if (started) {
        return -1;
      }
      started = true;
      return ++generation;
    }
  }

  /** Remembers the handle of the next tick of schedule {@code gen}, unless that schedule has ended. */
  void scheduled(Scheduler.Cancellable handle, long gen) {
    synchronized (schedule) {
      if (isCurrent(gen)) {
        scheduled = handle;
      } else {
        handle.cancel();
      }
    }
  }

  /** Whether schedule {@code gen} is the one running. */
  boolean isCurrent(long gen) {
    // Read without a lock: a scheduler thread must never wait for a tick or command under way.
    return !retired && started && generation == gen;
  }

  boolean isStarted() {
    return started;
  }

  void unschedule() {
    synchronized (schedule) {
      started = false;
      if (scheduled != null) {
        scheduled.cancel();
        scheduled = null;
      }
    }
  }

  private void reapplyPending(Instant now) {
    if (!pending.isEmpty()) {
      List<Action> redo = pending;
      performPending(now);
      events.publish(new RunnerEvent.ActionsReapplied(id, now, redo,
          "actions of the stored decision (phase " + state.phase() + ") were not known to be done"));
    }
  }

  /** Loads the stored state unless it is loaded; a stored state's implied actions become pending. */
  private void load() {
    if (!loaded) {
      Optional<StoredState> stored = calls.call(id, "state store", "loading the state of " + id, () -> store.load(id));
      state = stored.map(StoredState::state).orElse(CanaryState.initial());
      version = stored.map(StoredState::version).orElse(null);
      pending = stored.isPresent() ? CanaryMachine.resume(state) : List.of();
      // What this driver wrote before concerns a state it no longer acts on; its late writes are the
      // router's version fence's to refuse.
      trafficWriteFailed = false;
      weightsSetBetweenTicks = false;
      loaded = true;
    }
  }

  /**
   * Tells the machine when the router applies another split than the state asks for. Throws when the
   * router cannot be observed or the correction is not applied: the tick must not judge metrics
   * gathered at weights that are not the state's.
   */
  private void correctDrift(Instant now) {
    RoutedSplit observed = observeRouter();
    if (!observed.split().equals(state.split())) {
      decide(new Input.RouterObserved(observed.split()), List.of(), Map.of(), now);
      if (!pending.isEmpty()) {
        throw new TransientAdapterException("the router applies " + observed.split() + " instead of "
            + state.split() + " and the correction was not applied; the tick is not judged");
      }
    }
  }

  private RoutedSplit observeRouter() {
    RoutedSplit observed = calls.call(id, "traffic router", "observing the traffic split",
        () -> Objects.requireNonNull(router.observeRouted(policy.target()), "the router observed no split (null)"));
    if (routerVersionKnown && routerVersion != null && !routerVersion.equals(observed.version())) {
      // Someone else wrote the route since this driver last saw it, perhaps and back again: the
      // weights of the interval are not known, even if the split looks right now.
      weightsSetBetweenTicks = true;
    }
    routerVersion = observed.version();
    routerVersionKnown = true;
    return observed;
  }

  /** Writes {@code split} fenced by the router version last seen, observing first when it is unknown. */
  private void applyTraffic(TrafficSplit split) {
    if (!routerVersionKnown) {
      observeRouter();
    }
    String expected = routerVersion;
    routerVersionKnown = false; // until the write is known to have landed, or not
    routerVersion = calls.call(id, "traffic router", "setting traffic to " + split,
        () -> router.apply(policy.target(), split, expected));
    routerVersionKnown = true;
  }

  /**
   * Checks, before a side effect, that the store still holds the state it was decided from. A driver
   * that lost its state to another controller acts no more, and reloads before deciding again.
   */
  private void fence() {
    String stored = calls.call(id, "state store", "checking the version of " + id,
        () -> store.version(id)).orElse(null);
    if (!Objects.equals(stored, version)) {
      loaded = false;
      pending = List.of();
      throw new StaleStateException(id, version, stored);
    }
  }

  private RunnerEvent.Decided decide(Input input, List<Verdict> verdicts, Map<String, GateResult> gates,
      Instant now) {
    return decide(input, verdicts, gates, now, List.of());
  }

  /** Decides, stores and performs {@code owed} (actions still due from before) then the decision's actions. */
  private RunnerEvent.Decided decide(Input input, List<Verdict> verdicts, Map<String, GateResult> gates,
      Instant now, List<Action> owed) {
    Decision decision = CanaryMachine.decide(policy, state, input, now);
    try {
      version = calls.call(id, "state store", "storing the state of " + id,
          () -> store.save(id, decision.state(), version));
    } catch (StaleStateException e) {
      loaded = false; // Another controller moved this canary on: reload before deciding again.
      throw e;
    }
    state = decision.state();
    boolean setsTraffic = decision.actions().stream().anyMatch(a -> a instanceof Action.SetTraffic);
    List<Action> due = new ArrayList<>();
    for (Action a : owed) {
      // Superseded: a traffic change the decision makes anew, and a workload change for a revision
      // that is no longer the one the state is about (a new revision, or a revert to the primary's).
      String about = revisionOf(a);
      boolean superseded = setsTraffic && a instanceof Action.SetTraffic
          || about != null && !about.equals(decision.state().revision());
      if (!superseded) {
        due.add(a);
      }
    }
    due.addAll(decision.actions());
    pending = List.copyOf(due);
    if (decision.events().stream().anyMatch(e -> e instanceof CanaryEvent.AnalysisStarted)) {
      observer.analysisStarted(id);
    }
    try {
      performPending(now);
    } catch (StaleStateException e) {
      throw e; // another controller stored a newer state: this decision is not ours to carry out
    } catch (AdapterException e) {
      // Reported as ActionFailed; the remaining actions run before the next decision.
    }
    performer.notifyEvents(id, policy, state, decision.events(), now);
    // The machine's own list also holds what it derived: ERROR for a missing verdict, and the score.
    List<Verdict> judged = decision.events().stream()
        .filter(e -> e instanceof CanaryEvent.AnalysisJudged).map(e -> ((CanaryEvent.AnalysisJudged) e).verdicts())
        .findFirst().orElse(verdicts);
    RunnerEvent.Decided decided = new RunnerEvent.Decided(id, now, input, state, judged, gates,
        decision.actions(), decision.actions().size() - Math.min(pending.size(), decision.actions().size()),
        decision.events());
    events.publish(decided);
    return decided;
  }

  private static String revisionOf(Action action) {
    if (action instanceof Action.Prepare p) {
      return p.revision();
    } else if (action instanceof Action.Promote p) {
      return p.revision();
    } else if (action instanceof Action.Finalise f) {
      return f.revision();
    } else if (action instanceof Action.RollBack r) {
      return r.revision();
    }
    return null;
  }

  private void performPending(Instant now) {
    while (!pending.isEmpty()) {
      Action next = pending.get(0);
      fence();
      try {
        if (next instanceof Action.SetTraffic traffic) {
          applyTraffic(traffic.split());
        } else {
          performer.perform(id, policy, state, next, now);
        }
      } catch (AdapterException e) {
        if (next instanceof Action.SetTraffic) {
          trafficWriteFailed = true;
        }
        events.publish(new RunnerEvent.ActionFailed(id, now, next, e.getMessage()));
        throw e;
      }
      pending = pending.subList(1, pending.size());
    }
  }
}
