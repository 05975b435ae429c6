package dev.canary4j.test;

import dev.canary4j.CanaryEvent;
import dev.canary4j.Phase;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.simulation.Timeline;
import dev.canary4j.simulation.TimelineTick;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions over a simulated rollout's {@link Timeline}. Each failure says what was
 * expected, what happened and at which tick, followed by the whole timeline as a table. Ticks count
 * from 1, as in {@link Timeline#tick(int)}; weights are the canary's percent of the traffic.
 */
public final class TimelineAssert extends AbstractAssert<TimelineAssert, Timeline> {

  TimelineAssert(Timeline actual) {
    super(actual, TimelineAssert.class);
  }

  /**
   * Checks that the rollout ended promoted ({@link Phase#SUCCEEDED}).
   *
   * @return this, to chain
   */
  public TimelineAssert promoted() {
    return endedIn(Phase.SUCCEEDED);
  }

  /**
   * Checks that the rollout ended rolled back: failed, or aborted by a command.
   *
   * @return this, to chain
   */
  public TimelineAssert rolledBack() {
    isNotNull();
    if (!actual.rolledBack()) {
      fail("Expected the rollout to be rolled back, but it ended " + ending());
    }
    return this;
  }

  /**
   * Checks the phase after the last tick.
   *
   * @param phase the expected final phase
   * @return this, to chain
   */
  public TimelineAssert endedIn(Phase phase) {
    isNotNull();
    if (actual.outcome() != phase) {
      fail("Expected the rollout to end " + phase + ", but it ended " + ending());
    }
    return this;
  }

  /**
   * Checks that the rollout was promoted ({@link Phase#SUCCEEDED}) by tick {@code ticks}.
   *
   * @param ticks the last tick at which promotion counts, from 1
   * @return this, to chain
   */
  public TimelineAssert promotedWithin(int ticks) {
    return within(ticks, "promoted", t -> t.phase() == Phase.SUCCEEDED);
  }

  /**
   * Checks that the rollout was rolled back (failed or aborted) by tick {@code ticks}.
   *
   * @param ticks the last tick at which the rollback counts, from 1
   * @return this, to chain
   */
  public TimelineAssert rolledBackWithin(int ticks) {
    return within(ticks, "rolled back", t -> t.phase() == Phase.FAILED || t.phase() == Phase.ABORTED);
  }

  private TimelineAssert within(int ticks, String what, Predicate<TimelineTick> reached) {
    isNotNull();
    if (ticks < 1) {
      throw new IllegalArgumentException("Expected a number of ticks of at least 1 but was " + ticks);
    }
    Optional<TimelineTick> first = actual.ticks().stream().filter(reached).findFirst();
    if (first.isEmpty()) {
      fail("Expected the rollout to be " + what + " within " + ticks + " ticks, but it never was; it ended "
          + ending());
    } else if (first.get().tick() > ticks) {
      fail("Expected the rollout to be " + what + " within " + ticks + " ticks, but it was " + what + " at tick "
          + first.get().tick());
    }
    return this;
  }

  /**
   * Checks that the canary never took more than {@code percent} of the traffic.
   *
   * @param percent the highest weight allowed, 0 to 100
   * @return this, to chain
   */
  public TimelineAssert neverAbove(int percent) {
    isNotNull();
    for (TimelineTick t : actual.ticks()) {
      if (t.canaryWeight() > percent) {
        fail("Expected the canary never to take more than " + percent + " % of the traffic, but it took "
            + t.canaryWeight() + " % at tick " + t.tick());
      }
    }
    return this;
  }

  /**
   * Checks that the canary took at least {@code percent} of the traffic at some tick.
   *
   * @param percent the weight to reach, 0 to 100
   * @return this, to chain
   */
  public TimelineAssert reachedWeight(int percent) {
    isNotNull();
    if (actual.ticks().stream().noneMatch(t -> t.canaryWeight() >= percent)) {
      int highest = actual.canaryWeights().stream().mapToInt(Integer::intValue).max().orElse(0);
      fail("Expected the canary to reach " + percent + " % of the traffic, but it took at most " + highest + " %");
    }
    return this;
  }

  /**
   * Checks the canary's weight after every tick, exactly and in order.
   *
   * @param weights one weight per tick
   * @return this, to chain
   */
  public TimelineAssert hasCanaryWeights(Integer... weights) {
    isNotNull();
    List<Integer> expected = Arrays.asList(weights);
    if (!actual.canaryWeights().equals(expected)) {
      fail("Expected the canary's weights tick by tick to be " + expected + ", but they were "
          + actual.canaryWeights());
    }
    return this;
  }

  /**
   * Checks the successive weights the canary went through, each counted once however many ticks it
   * was held: a rollout holding 10 % for three ticks, then 20 %, then rolled back, stepped through
   * {@code 10, 20, 0}.
   *
   * @param weights the distinct successive weights, in order
   * @return this, to chain
   */
  public TimelineAssert steppedThrough(Integer... weights) {
    isNotNull();
    List<Integer> steps = new ArrayList<>();
    for (int w : actual.canaryWeights()) {
      if (steps.isEmpty() || steps.get(steps.size() - 1) != w) {
        steps.add(w);
      }
    }
    List<Integer> expected = Arrays.asList(weights);
    if (!steps.equals(expected)) {
      fail("Expected the canary to step through " + expected + ", but it stepped through " + steps);
    }
    return this;
  }

  /**
   * Checks that the rollout was in {@code phase} after at least one tick.
   *
   * @param phase the phase to reach
   * @return this, to chain
   */
  public TimelineAssert reachedPhase(Phase phase) {
    isNotNull();
    if (!actual.phases().contains(phase)) {
      fail("Expected the rollout to reach " + phase + ", but it went through " + distinct(actual.phases()));
    }
    return this;
  }

  /**
   * Checks that the rollout was never in {@code phase} after a tick.
   *
   * @param phase the phase never to reach
   * @return this, to chain
   */
  public TimelineAssert neverReachedPhase(Phase phase) {
    isNotNull();
    int at = actual.phases().indexOf(phase);
    if (at >= 0) {
      fail("Expected the rollout never to reach " + phase + ", but it did at tick " + (at + 1));
    }
    return this;
  }

  /**
   * Checks that the rollout was rolled back and that the metrics that failed it are exactly
   * {@code metrics}: the non-passing verdicts of its last analysis ({@link Timeline#decidingVerdicts()}).
   *
   * @param metrics the names of the metrics that failed the canary, in any order
   * @return this, to chain
   */
  public TimelineAssert failedOn(String... metrics) {
    rolledBack();
    List<Verdict> deciding = actual.decidingVerdicts();
    Set<String> found = deciding.stream().filter(v -> v.label() != VerdictLabel.PASS).map(Verdict::metric)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = new TreeSet<>(Arrays.asList(metrics));
    if (!found.equals(expected)) {
      String verdicts = deciding.isEmpty() ? "no analysis"
          : deciding.stream().map(TimelineTable::verdict).collect(Collectors.joining(", "));
      fail("Expected the rollback to be decided by " + expected + ", but it was decided by " + found + " ("
          + verdicts + ")");
    }
    return this;
  }

  /**
   * Checks the verdict of {@code metric} in the analysis of tick {@code tick}.
   *
   * @param tick the tick, from 1
   * @param metric the metric's name
   * @param label the expected label
   * @return this, to chain
   */
  public TimelineAssert hasVerdictAt(int tick, String metric, VerdictLabel label) {
    TimelineTick t = tick(tick);
    Optional<Verdict> verdict = t.verdict(metric);
    if (verdict.isEmpty()) {
      fail("Expected a verdict of " + metric + " " + label + " at tick " + tick + ", but " + metric
          + " was not analysed then" + (t.verdicts().isEmpty() ? " (no analysis ran in that tick)" : ""));
    } else if (verdict.get().label() != label) {
      fail("Expected a verdict of " + metric + " " + label + " at tick " + tick + ", but it was "
          + TimelineTable.verdict(verdict.get()) + ": " + verdict.get().reason());
    }
    return this;
  }

  /**
   * Checks that some tick had an event of {@code type}, for example {@code CanaryEvent.LimitReached.class}.
   *
   * @param type the event's type
   * @return this, to chain
   */
  public TimelineAssert hasEvent(Class<? extends CanaryEvent> type) {
    isNotNull();
    if (actual.ticks().stream().flatMap(t -> t.events().stream()).noneMatch(type::isInstance)) {
      fail("Expected an event " + type.getSimpleName() + ", but there was none");
    }
    return this;
  }

  /**
   * Checks that tick {@code tick} had an event of {@code type} that matches {@code condition}.
   *
   * @param <E> the event's type
   * @param tick the tick, from 1
   * @param type the event's type
   * @param condition what the event must satisfy, for example {@code e -> e.limit() == LimitKind.FAILURE}
   * @return this, to chain
   */
  public <E extends CanaryEvent> TimelineAssert hasEventAt(int tick, Class<E> type, Predicate<? super E> condition) {
    TimelineTick t = tick(tick);
    List<E> ofType = t.events().stream().filter(type::isInstance).map(type::cast).toList();
    if (ofType.stream().noneMatch(condition)) {
      fail("Expected an event " + type.getSimpleName() + " matching the condition at tick " + tick + ", but "
          + (ofType.isEmpty() ? "there was none" : "there were only " + ofType));
    }
    return this;
  }

  /**
   * Checks that no tick had an event of {@code type}.
   *
   * @param type the event's type
   * @return this, to chain
   */
  public TimelineAssert hasNoEvent(Class<? extends CanaryEvent> type) {
    isNotNull();
    for (TimelineTick t : actual.ticks()) {
      Optional<CanaryEvent> event = t.events().stream().filter(type::isInstance).findFirst();
      if (event.isPresent()) {
        fail("Expected no event " + type.getSimpleName() + ", but tick " + t.tick() + " had " + event.get());
      }
    }
    return this;
  }

  private TimelineTick tick(int tick) {
    isNotNull();
    if (tick < 1 || tick > actual.ticks().size()) {
      fail("Expected a tick " + tick + ", but the rollout ran " + actual.ticks().size() + " ticks");
    }
    return actual.tick(tick);
  }

  private String ending() {
    return actual.outcome() + " after " + actual.ticks().size() + " ticks";
  }

  private static List<Phase> distinct(List<Phase> phases) {
    List<Phase> out = new ArrayList<>();
    for (Phase p : phases) {
      if (out.isEmpty() || out.get(out.size() - 1) != p) {
        out.add(p);
      }
    }
    return out;
  }

  private void fail(String message) {
    failWithMessage("%s", message + "\n\n" + TimelineTable.render(actual));
  }
}
