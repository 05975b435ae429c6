package dev.canary4j.simulation;

import dev.canary4j.Command;
import dev.canary4j.Readiness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A scripted run of one canary: how many ticks, what the metrics show (scripted values, a traffic
 * model, or both), and what happens at given ticks: a new revision, a gate's answer, a command.
 * Ticks are numbered from 1; the primary revision is observed before tick 1. The file format is
 * described in {@code docs/simulation.md} and read by {@code dev.canary4j.simulation.ScenarioReader}.
 *
 * @param name a label for reports
 * @param seed seed of the traffic model's random numbers; the same seed gives the same timeline
 * @param ticks the most ticks to run; the run stops earlier once the rollout ended and nothing is scripted later
 * @param start the simulated time of tick 1
 * @param primaryRevision the revision the primary runs before tick 1
 * @param metrics scripted values by metric name; these win over the traffic model
 * @param traffic the traffic model for the built-in metrics, or {@code null}
 * @param revisions revisions deployed at given ticks; none means {@code v2} at tick 1
 * @param gates gate answers given at given ticks
 * @param commands manual commands given at given ticks
 * @param readiness readiness of the canary or the primary from given ticks on; none means both are
 *     ready whenever they run
 */
public record Scenario(String name, long seed, int ticks, Instant start, String primaryRevision,
    Map<String, MetricScript> metrics, TrafficModel traffic, List<RevisionChange> revisions, List<GateAnswer> gates,
    List<ManualCommand> commands, List<ReadinessChange> readiness) {

  /** Default simulated start: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
  /** The earliest start a scenario may name. */
  public static final Instant EARLIEST_START = Instant.parse("1970-01-01T00:00:00Z");
  /** The latest start a scenario may name, leaving room for a long simulation after it. */
  public static final Instant LATEST_START = Instant.parse("9000-01-01T00:00:00Z");

  /** A new revision deployed before the runner's tick {@code tick}. */
  public record RevisionChange(int tick, String revision) {
    public RevisionChange {
      Objects.requireNonNull(revision, "revision");
    }
  }

  /** Gate {@code gate} answers {@code open} from tick {@code tick} on. */
  public record GateAnswer(int tick, String gate, boolean open, String message) {
    public GateAnswer {
      Objects.requireNonNull(gate, "gate");
      message = message == null ? "" : message;
    }
  }

  /** A person gives {@code command} before the runner's tick {@code tick}. */
  public record ManualCommand(int tick, Command command, String reason) {
    public ManualCommand {
      Objects.requireNonNull(command, "command");
      reason = reason == null ? "" : reason;
    }
  }

  /**
   * The {@code workload} ({@code canary} or {@code primary}) reports {@code readiness} from tick
   * {@code tick} on (when it runs at all: a canary scaled down is never ready).
   */
  public record ReadinessChange(int tick, String workload, Readiness readiness) {
    public ReadinessChange {
      Objects.requireNonNull(readiness, "readiness");
      if (!"canary".equals(workload) && !"primary".equals(workload)) {
        throw new IllegalArgumentException("workload: must be canary or primary, but was " + workload);
      }
    }
  }

  /** A scenario without scripted readiness. */
  public Scenario(String name, long seed, int ticks, Instant start, String primaryRevision,
      Map<String, MetricScript> metrics, TrafficModel traffic, List<RevisionChange> revisions, List<GateAnswer> gates,
      List<ManualCommand> commands) {
    this(name, seed, ticks, start, primaryRevision, metrics, traffic, revisions, gates, commands, List.of());
  }

  public Scenario {
    name = name == null ? "scenario" : name;
    start = start == null ? DEFAULT_START : start;
    primaryRevision = primaryRevision == null ? "v1" : primaryRevision;
    metrics = metrics == null ? Map.of() : Map.copyOf(new TreeMap<>(metrics));
    revisions = revisions == null || revisions.isEmpty() ? List.of(new RevisionChange(1, "v2")) : List.copyOf(revisions);
    gates = gates == null ? List.of() : List.copyOf(gates);
    commands = commands == null ? List.of() : List.copyOf(commands);
    readiness = readiness == null ? List.of() : List.copyOf(readiness);
    List<String> problems = new ArrayList<>();
    if (start.isBefore(EARLIEST_START) || start.isAfter(LATEST_START)) {
      problems.add("start: must be between " + EARLIEST_START + " and " + LATEST_START + ", but was " + start);
    }
    if (ticks < 1 || ticks > 100_000) {
      problems.add("ticks: must be between 1 and 100000, but was " + ticks);
    }
    for (int i = 0; i < revisions.size(); i++) {
      checkTick(problems, "revisions[" + i + "].tick", revisions.get(i).tick(), ticks);
    }
    for (int i = 0; i < gates.size(); i++) {
      checkTick(problems, "gates[" + i + "].tick", gates.get(i).tick(), ticks);
    }
    for (int i = 0; i < commands.size(); i++) {
      checkTick(problems, "commands[" + i + "].tick", commands.get(i).tick(), ticks);
    }
    for (int i = 0; i < readiness.size(); i++) {
      checkTick(problems, "readiness[" + i + "].tick", readiness.get(i).tick(), ticks);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  private static void checkTick(List<String> problems, String path, int tick, int ticks) {
    if (ticks < 1 || ticks > 100_000) {
      // Measured against a count that is itself wrong, the message would mislead.
      if (tick < 1) {
        problems.add(path + ": must be at least 1, but was " + tick);
      }
    } else if (tick < 1 || tick > ticks) {
      problems.add(path + ": must be between 1 and ticks (" + ticks + "), but was " + tick);
    }
  }

  /** A scenario of {@code ticks} ticks driven by {@code traffic}, with {@code v2} deployed at tick 1. */
  public static Scenario ofTraffic(String name, long seed, int ticks, TrafficModel traffic) {
    return new Scenario(name, seed, ticks, null, null, null, traffic, null, null, null);
  }

  /** A scenario of {@code ticks} ticks with scripted metric values, with {@code v2} deployed at tick 1. */
  public static Scenario ofValues(String name, int ticks, Map<String, MetricScript> metrics) {
    return new Scenario(name, 0, ticks, null, null, metrics, null, null, null, null);
  }

  /** This scenario with gate answers. */
  public Scenario withGates(List<GateAnswer> answers) {
    return new Scenario(name, seed, ticks, start, primaryRevision, metrics, traffic, revisions, answers, commands,
        readiness);
  }

  /** This scenario with manual commands. */
  public Scenario withCommands(List<ManualCommand> given) {
    return new Scenario(name, seed, ticks, start, primaryRevision, metrics, traffic, revisions, gates, given,
        readiness);
  }

  /** This scenario with revision changes. */
  public Scenario withRevisions(List<RevisionChange> changes) {
    return new Scenario(name, seed, ticks, start, primaryRevision, metrics, traffic, changes, gates, commands,
        readiness);
  }

  /** This scenario with scripted readiness. */
  public Scenario withReadiness(List<ReadinessChange> changes) {
    return new Scenario(name, seed, ticks, start, primaryRevision, metrics, traffic, revisions, gates, commands, changes);
  }

  /** This scenario with another seed. */
  public Scenario withSeed(long newSeed) {
    return new Scenario(name, newSeed, ticks, start, primaryRevision, metrics, traffic, revisions, gates, commands,
        readiness);
  }

  /** The last tick at which something is scripted. */
  int lastScriptedTick() {
    int last = 0;
    for (RevisionChange r : revisions) {
      last = Math.max(last, r.tick());
    }
    for (GateAnswer g : gates) {
      last = Math.max(last, g.tick());
    }
    for (ManualCommand c : commands) {
      last = Math.max(last, c.tick());
    }
    for (ReadinessChange r : readiness) {
      last = Math.max(last, r.tick());
    }
    return last;
  }
}
