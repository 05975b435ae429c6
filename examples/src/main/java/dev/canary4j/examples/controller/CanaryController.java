package dev.canary4j.examples.controller;

import dev.canary4j.CanaryEvent;
import dev.canary4j.Phase;
import dev.canary4j.istio.IstioRouterConfig;
import dev.canary4j.kubernetes.CanaryStatusConfigMap;
import dev.canary4j.kubernetes.ConfigFingerprint;
import dev.canary4j.kubernetes.ConfigMapStateStore;
import dev.canary4j.kubernetes.DeploymentWorkloads;
import dev.canary4j.kubernetes.KubernetesEvents;
import dev.canary4j.kubernetes.LeaseLeaderElector;
import dev.canary4j.kubernetes.OperatorCommands;
import dev.canary4j.kubernetes.RevisionWatch;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.Target;
import dev.canary4j.runner.CallPolicy;
import dev.canary4j.runner.CanaryRunner;
import dev.canary4j.runner.RemoteCallExecutor;
import dev.canary4j.runner.RunnerEvent;
import dev.canary4j.runner.Scheduler;
import dev.canary4j.spi.AdapterException;
import dev.canary4j.spi.MetricSource;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A minimal Kubernetes controller for one canary. Every {@link
 * #POLL_INTERVAL} it renews its Lease; while it leads, it computes the canary Deployment's {@link
 * ConfigFingerprint} and tells the runner when it changed, and keeps the runner ticking the
 * canary. A replica that does not lead does nothing; one
 * that loses the Lease stops ticking, and one that gains it loads the state from the ConfigMap.
 *
 * <p>An operator steers it with kubectl alone: {@code kubectl annotate deploy NAME
 * canary4j.dev/command=abort} (or promote, pause, resume) is answered once, on the next poll
 * ({@link OperatorCommands}); {@code kubectl get cm canary4j-NAME-status -o yaml} shows the phase,
 * weights, last verdicts and last reason ({@link CanaryStatusConfigMap}); and
 * {@code kubectl describe deploy NAME} lists what was decided as Events ({@link KubernetesEvents}).
 *
 * <p>The runner does the rest with the Istio router (VirtualService weights, see {@link #routing}) or
 * the Gateway API router ({@link RouterKind}),
 * the given metric source, {@link DeploymentWorkloads} (canary scaled up when an analysis starts,
 * promotion, scale-down) and {@link
 * ConfigMapStateStore}.
 * Polls and ticks run on one {@link Scheduler}; give it one thread so that they never overlap.
 * Between a lost Lease and the next poll a tick may still run: the state's compare-and-set makes a
 * replica that lost a race reload instead of overwriting.
 *
 * <p>Without stored state, the first revision seen is taken as the primary's: the one recorded on
 * the primary Deployment by an earlier promotion, else the canary's current one. Start it while
 * both Deployments run the same revision, as they do after Flagger's initialisation.
 */
public final class CanaryController implements AutoCloseable {

  /** How long a Lease holds without renewal. */
  public static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  /** Time between polls: a third of the lease duration, so that two polls may fail before the Lease expires. */
  public static final Duration POLL_INTERVAL = LEASE_DURATION.dividedBy(3);

  private final CanaryPolicy policy;
  private final Target target;
  private final CanaryRunner runner;
  private final LeaseLeaderElector elector;
  private final ConfigFingerprint fingerprints;
  private final DeploymentWorkloads workloads;
  private final ConfigMapStateStore store;
  private final OperatorCommands commands;
  private final CanaryStatusConfigMap status;
  private final KubernetesEvents events;
  private final Scheduler scheduler;
  private final PrintStream out;
  private final RemoteCallExecutor calls;
  private final KubeClient kube;
  private RevisionWatch watch;
  private boolean leading;
  private String observedRevision;
  private Scheduler.Cancellable nextPoll;
  private boolean closed;

  /**
   * A controller for {@code policy} as replica {@code identity}.
   *
   * @param runner a runner builder with anything the host adds (decision log, call policy); the
   *     controller sets the clock, scheduler, router, metrics, workloads and store
   */
  public CanaryController(CanaryPolicy policy, KubeClient kube, MetricSource metrics, String identity, Clock clock,
      Scheduler scheduler, CanaryRunner.Builder runner, PrintStream out) {
    this(policy, kube, RouterKind.ISTIO, metrics, identity, clock, scheduler, runner, out);
  }

  /** A controller for {@code policy} as replica {@code identity}, moving traffic with {@code router}. */
  public CanaryController(CanaryPolicy policy, KubeClient kube, RouterKind router, MetricSource metrics, String identity,
      Clock clock, Scheduler scheduler, CanaryRunner.Builder runner, PrintStream out) {
    this.policy = policy;
    this.target = policy.target();
    this.scheduler = scheduler;
    this.out = out;
    // The runner's call policy for the calls made outside the runner, kept within one poll interval.
    this.calls = RemoteCallExecutor.create(CallPolicy.ofDefaults().withTimeLimit(POLL_INTERVAL.dividedBy(2))
        .withCallBudget(POLL_INTERVAL.minusSeconds(1)), event -> {
          if (event instanceof RunnerEvent.CallRetried r) {
            out.println("retrying " + r.call() + " in " + r.delay().toMillis() + " ms after attempt " + r.attempt()
                + ": " + r.reason());
          }
        }, clock);
    this.kube = kube;
    this.fingerprints = new ConfigFingerprint(kube);
    this.workloads = new DeploymentWorkloads(kube);
    this.store = new ConfigMapStateStore(kube);
    this.commands = new OperatorCommands(kube);
    this.status = new CanaryStatusConfigMap(kube);
    this.events = new KubernetesEvents(kube, identity);
    this.elector = new LeaseLeaderElector(kube, target.namespace(), "canary4j-" + target.name(), identity,
        LEASE_DURATION, clock);
    this.runner = runner.clock(clock).scheduler(scheduler)
        .router(router.create(kube, target))
        .metrics(metrics)
        .workloads(workloads)
        .store(store)
        .listener(this::report)
        .build();
  }

  /**
   * Routing by subsets: one Service named like the target selects the pods of both Deployments, and
   * the DestinationRule's subsets {@code primary} and {@code canary} tell them apart by the {@code app}
   * label each Deployment's selector uses (kept in place by the router, created if missing).
   */
  static IstioRouterConfig routing(Target target) {
    return IstioRouterConfig.custom()
        .subsets(target.name(), "primary", "canary")
        .ensureDestinationRule(null, Map.of("app", target.primary()), Map.of("app", target.canary()))
        .build();
  }

  /** Polls now and then every {@link #POLL_INTERVAL}, on the scheduler. */
  public synchronized void start() {
    nextPoll = scheduler.schedule(Duration.ZERO, this::pollAndReschedule);
  }

  /**
   * Also polls as soon as the canary Deployment or a ConfigMap or Secret it references changes
   * ({@link RevisionWatch}), so that a new revision reaches the runner within a second instead of at
   * the next poll; the polls every {@link #POLL_INTERVAL} stay as the fallback.
   */
  public synchronized void watchChanges() {
    if (watch == null && !closed) {
      watch = new RevisionWatch(kube, target, Duration.ofMinutes(10),
          () -> scheduler.schedule(Duration.ZERO, this::pollNow),
          e -> out.println("watch of canary " + target.id() + " failed, reconnecting: " + e.getMessage())).start();
    }
  }

  private void pollNow() {
    synchronized (this) {
      if (!closed) {
        try {
          poll();
        } catch (RuntimeException e) {
          out.println("poll failed unexpectedly: " + e);
        }
      }
    }
  }

  /** Whether this replica currently drives the canary. */
  public synchronized boolean isLeading() {
    return leading;
  }

  /** The runner, for status and manual commands. */
  public CanaryRunner runner() {
    return runner;
  }

  /** One poll: renew the Lease, then lead or follow. */
  synchronized void poll() {
    try {
      if (calls.call(target.id(), "kubernetes api", "renewing the Lease", elector::tryAcquireOrRenew)) {
        lead();
      } else {
        follow();
      }
    } catch (AdapterException e) {
      out.println("poll failed, trying again in " + POLL_INTERVAL + ": " + e.getMessage());
      if (!elector.isLeader()) {
        follow();
      }
    }
  }

  private void lead() {
    String id = target.id();
    if (!leading) {
      runner.register(policy); // Loads the stored state on first use and reapplies what it implies.
      leading = true;
      observedRevision = null;
      out.println(elector.identity() + " leads canary " + id);
    }
    if (runner.status(id).phase() == Phase.INITIALIZING) {
      // No state yet: the first revision the runner sees counts as the primary's. Use the one the
      // primary records, if any, so that a canary that differs from it is analysed.
      calls.call(id, "kubernetes api", "reading the primary's revision", () -> workloads.promotedRevision(target))
          .ifPresent(primary -> runner.observeRevision(id, primary));
    }
    String revision = calls.call(id, "kubernetes api", "computing the canary's fingerprint",
        () -> fingerprints.compute(target.namespace(), target.canary())).sha256();
    if (!revision.equals(observedRevision)) {
      out.println("canary " + id + " runs revision " + revision);
      runner.observeRevision(id, revision);
      observedRevision = revision;
    }
    runner.start(id);
    handleCommand();
  }

  /** Runs the command an operator annotated, once, and records its answer. */
  private void handleCommand() {
    commands.claim(target).ifPresent(pending -> {
      String answer;
      if (store.load(target.id()).map(s -> OperatorCommands.alreadyRun(s.state(), pending)).orElse(false)) {
        answer = "ran before a restart; see the decision history";
      } else {
        RunnerEvent.Decided decided = runner.command(target.id(), pending.command(), pending.reason());
        answer = decided.events().stream().filter(e -> e instanceof CanaryEvent.CommandHandled)
            .map(CanaryEvent::reason).findFirst().orElse(pending.command() + " handled");
      }
      commands.answered(target, pending, answer);
      out.println("canary " + target.id() + ": command " + pending.id() + ": " + answer);
    });
  }

  /** Publishes each decision as Kubernetes Events and the status ConfigMap; a failure here does not steer. */
  private void report(RunnerEvent event) {
    if (event instanceof RunnerEvent.Decided decided) {
      try {
        events.record(target, decided.events());
        String command = decided.events().stream().filter(e -> e instanceof CanaryEvent.CommandHandled)
            .map(CanaryEvent::reason).findFirst().orElse(null);
        status.write(target, decided.state(), decided.verdicts(), command, decided.at());
      } catch (AdapterException e) {
        out.println("could not publish the status of canary " + target.id() + ": " + e.getMessage());
      }
    }
  }

  private void follow() {
    if (leading) {
      runner.deregister(target.id()); // The stored state stays for the next leader.
      leading = false;
      out.println(elector.identity() + " no longer leads canary " + target.id());
    }
  }

  private void pollAndReschedule() {
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        poll();
      } catch (RuntimeException e) {
        out.println("poll failed unexpectedly, trying again in " + POLL_INTERVAL + ": " + e);
      } finally {
        nextPoll = scheduler.schedule(POLL_INTERVAL, this::pollAndReschedule);
      }
    }
  }

  /** Stops polling and ticking and gives the Lease up, so that another replica takes over at once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return; // the Lease was given up and the call executor shut down by the first close
    }
    closed = true;
    if (nextPoll != null) {
      nextPoll.cancel();
    }
    if (watch != null) {
      watch.close();
    }
    runner.close();
    try {
      calls.run(target.id(), "kubernetes api", "releasing the Lease", elector::release);
    } catch (AdapterException e) {
      out.println("could not release the Lease; it expires in " + LEASE_DURATION + ": " + e.getMessage());
    } finally {
      calls.close();
    }
  }
}
