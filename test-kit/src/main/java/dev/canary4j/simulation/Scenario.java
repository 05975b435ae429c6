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
    /**
     * Checks that there is a revision.
     *
     * @param tick the tick before which the revision is deployed, from 1
     * @param revision the new revision's name
     */
    public RevisionChange {
      Objects.requireNonNull(revision, "revision");
    }
  }

  /** Gate {@code gate} answers {@code open} from tick {@code tick} on. */
  public record GateAnswer(int tick, String gate, boolean open, String message) {
    /**
     * Checks that the gate is named; a {@code null} message becomes empty.
     *
     * @param tick the first tick with this answer, from 1
     * @param gate the gate's name as the policy lists it
     * @param open whether the gate lets the rollout go on
     * @param message the gate's explanation, or {@code null}
     */
    public GateAnswer {
      Objects.requireNonNull(gate, "gate");
      message = message == null ? "" : message;
    }
  }

  /** A person gives {@code command} before the runner's tick {@code tick}. */
  public record ManualCommand(int tick, Command command, String reason) {
    /**
     * Checks that there is a command; a {@code null} reason becomes empty.
     *
     * @param tick the tick before which the command is given, from 1
     * @param command the command
     * @param reason why the person gave it, or {@code null}
     */
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
    /**
     * Checks the workload's name and that there is a readiness.
     *
     * @param tick the first tick with this readiness, from 1
     * @param workload {@code canary} or {@code primary}
     * @param readiness what the workload reports
     */
    public ReadinessChange {
      Objects.requireNonNull(readiness, "readiness");
      if (!"canary".equals(workload) && !"primary".equals(workload)) {
        throw new IllegalArgumentException("workload: must be canary or primary, but was " + workload);
      }
    }
  }

  /**
   * A scenario without scripted readiness.
   *
   * @param name a label for reports, or {@code null} for {@code scenario}
   * @param seed the traffic model's seed
   * @param ticks the most ticks to run; 1 to 100,000
   * @param start the time of tick 1, or {@code null} for {@link #DEFAULT_START}
   * @param primaryRevision the primary's revision before tick 1, or {@code null} for {@code v1}
   * @param metrics scripted values by metric name, or {@code null} for none
   * @param traffic the traffic model, or {@code null}
   * @param revisions revisions deployed at given ticks, or {@code null} or empty for {@code v2} at tick 1
   * @param gates gate answers at given ticks, or {@code null} for none
   * @param commands manual commands at given ticks, or {@code null} for none
   */
  public Scenario(String name, long seed, int ticks, Instant start, String primaryRevision,
      Map<String, MetricScript> metrics, TrafficModel traffic, List<RevisionChange> revisions, List<GateAnswer> gates,
      List<ManualCommand> commands) {
    this(name, seed, ticks, start, primaryRevision, metrics, traffic, revisions, gates, commands, List.of());
  }

  /**
   * Fills in the defaults for {@code null} parts and checks the start and every tick, naming every problem at
   * once.
   *
   * @param name a label for reports, or {@code null} for {@code scenario}
   * @param seed the traffic model's seed
   * @param ticks the most ticks to run; 1 to 100,000
   * @param start the time of tick 1, or {@code null} for {@link #DEFAULT_START}
   * @param primaryRevision the primary's revision before tick 1, or {@code null} for {@code v1}
   * @param metrics scripted values by metric name, or {@code null} for none
   * @param traffic the traffic model, or {@code null}
   * @param revisions revisions deployed at given ticks, or {@code null} or empty for {@code v2} at tick 1
   * @param gates gate answers at given ticks, or {@code null} for none
   * @param commands manual commands at given ticks, or {@code null} for none
   * @param readiness readiness changes at given ticks, or {@code null} for none
   */
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

  /**
   * A scenario of {@code ticks} ticks driven by {@code traffic}, with {@code v2} deployed at tick 1.
   *
   * @param name a label for reports
   * @param seed the traffic model's seed
   * @param ticks the most ticks to run; 1 to 100,000
   * @param traffic the traffic model for the built-in metrics
   * @return a scenario starting at {@link #DEFAULT_START} with the primary at {@code v1}
   */
  public static Scenario ofTraffic(String name, long seed, int ticks, TrafficModel traffic) {
    return new Scenario(name, seed, ticks, null, null, null, traffic, null, null, null);
  }

  /**
   * A scenario of {@code ticks} ticks with scripted metric values, with {@code v2} deployed at tick 1.
   *
   * @param name a label for reports
   * @param ticks the most ticks to run; 1 to 100,000
   * @param metrics scripted values by metric name
   * @return a scenario starting at {@link #DEFAULT_START} with the primary at {@code v1}
   */
  public static Scenario ofValues(String name, int ticks, Map<String, MetricScript> metrics) {
    return new Scenario(name, 0, ticks, null, null, metrics, null, null, null, null);
  }

  /**
   * This scenario with gate answers.
   *
   * @param answers the gate answers, replacing any given before
   * @return a new scenario; this one is unchanged
   */
  public Scenario withGates(List<GateAnswer> answers) {
    return new Scenario(name, seed, ticks, start, primaryRevision, metrics, traffic, revisions, answers, commands,
        readiness);
  }

  /**
   * This scenario with manual commands.
   *
   * @param given the commands, replacing any given before
   * @return a new scenario; this one is unchanged
   */
  public Scenario withCommands(List<ManualCommand> given) {
    return new Scenario(name, seed, ticks, start, primaryRevision, metrics, traffic, revisions, gates, given,
        readiness);
  }

  /**
   * This scenario with revision changes.
   *
   * @param changes the revision changes, replacing any given before; empty for {@code v2} at tick 1
   * @return a new scenario; this one is unchanged
   */
  public Scenario withRevisions(List<RevisionChange> changes) {
    return new Scenario(name, seed, ticks, start, primaryRevision, metrics, traffic, changes, gates, commands,
        readiness);
  }

  /**
   * This scenario with scripted readiness.
   *
   * @param changes the readiness changes, replacing any given before
   * @return a new scenario; this one is unchanged
   */
  public Scenario withReadiness(List<ReadinessChange> changes) {
    return new Scenario(name, seed, ticks, start, primaryRevision, metrics, traffic, revisions, gates, commands, changes);
  }

  /**
   * This scenario with another seed.
   *
   * @param newSeed the traffic model's seed
   * @return a new scenario; this one is unchanged
   */
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
