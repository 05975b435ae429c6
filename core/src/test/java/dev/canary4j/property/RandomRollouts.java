package dev.canary4j.property;

import dev.canary4j.CanaryMachine;
import dev.canary4j.CanaryState;
import dev.canary4j.Command;
import dev.canary4j.GateResult;
import dev.canary4j.Input;
import dev.canary4j.TickPlan;
import dev.canary4j.TrafficSplit;
import dev.canary4j.judge.Verdict;
import dev.canary4j.judge.VerdictLabel;
import dev.canary4j.judge.sequential.SequentialConfig;
import dev.canary4j.judge.sequential.SequentialEvidence;
import dev.canary4j.judge.sequential.SequentialJudge;
import dev.canary4j.judge.sequential.TickCounts;
import dev.canary4j.policy.AbTestingStrategy;
import dev.canary4j.policy.BlueGreenStrategy;
import dev.canary4j.policy.CanaryPolicy;
import dev.canary4j.policy.CanaryStrategy;
import dev.canary4j.policy.GateSpec;
import dev.canary4j.policy.GateType;
import dev.canary4j.policy.Limit;
import dev.canary4j.policy.LimitAction;
import dev.canary4j.policy.Limits;
import dev.canary4j.policy.Mirror;
import dev.canary4j.policy.MetricCheck;
import dev.canary4j.policy.NoDataPolicy;
import dev.canary4j.policy.Promotion;
import dev.canary4j.policy.RequestMatch;
import dev.canary4j.policy.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/** Seeded generators of random policies and random input sequences for property tests. */
final class RandomRollouts {
  private final Random random;

  RandomRollouts(long seed) {
    this.random = new Random(seed);
  }

  CanaryPolicy policy() {
    CanaryPolicy.Builder b = CanaryPolicy.builder().target("ns", "app").strategy(strategy())
        .interval(Duration.ofSeconds(30 + random.nextInt(90)));
    int metrics = random.nextInt(4);
    for (int i = 0; i < metrics; i++) {
      b.metric(MetricCheck.named("m" + i).withQuery("up{job=\"{{ target }}\"}").withMax(1.0 + random.nextInt(5))
          .withCritical(random.nextInt(4) == 0)
          .withOnNoData(NoDataPolicy.values()[random.nextInt(NoDataPolicy.values().length)]));
    }
    b.limits(new Limits(limit(), random.nextBoolean() ? limit() : null, limit(), limit()));
    for (GateType type : GateType.values()) {
      if (random.nextInt(4) == 0) {
        b.gate(new GateSpec("g-" + type.specName(), type, null, Duration.ofMinutes(1 + random.nextInt(10)),
            random.nextBoolean() ? GateSpec.TimeoutAction.ROLLBACK : GateSpec.TimeoutAction.PROCEED, null, null));
      }
    }
    if (random.nextBoolean()) {
      b.promotion(Promotion.progressive(1 + random.nextInt(60)));
    }
    if (random.nextInt(3) == 0) {
      b.progressDeadline(Duration.ofMinutes(5 + random.nextInt(30)));
    }
    return b.build();
  }

  private Limit limit() {
    return new Limit(1 + random.nextInt(6), random.nextInt(3) == 0 ? LimitAction.PAUSE : LimitAction.ROLLBACK);
  }

  private Strategy strategy() {
    Mirror mirror = random.nextInt(3) == 0 ? new Mirror(1 + random.nextInt(100)) : null;
    return switch (random.nextInt(4)) {
      case 0 -> {
        int step = 1 + random.nextInt(50);
        yield new CanaryStrategy(step, step + random.nextInt(101 - step), List.of(), mirror);
      }
      case 1 -> {
        TreeSet<Integer> weights = new TreeSet<>();
        int n = 1 + random.nextInt(6);
        while (weights.size() < n) {
          weights.add(1 + random.nextInt(100));
        }
        yield new CanaryStrategy(null, null, new ArrayList<>(weights), mirror);
      }
      case 2 -> new BlueGreenStrategy(1 + random.nextInt(5), mirror);
      default -> new AbTestingStrategy(1 + random.nextInt(5), List.of(RequestMatch.headerExact("x-user", "beta")));
    };
  }

  /** The next input for {@code state}: mostly ticks answering the plan, sometimes revisions, commands, drift. */
  Input input(CanaryPolicy policy, CanaryState state) {
    int dice = random.nextInt(100);
    if (dice < 3) {
      return new Input.RevisionObserved("rev" + random.nextInt(4));
    }
    if (dice < 7) {
      return new Input.Manual(Command.values()[random.nextInt(Command.values().length)], "random");
    }
    if (dice < 9) {
      return new Input.RouterObserved(TrafficSplit.canary(random.nextInt(101)));
    }
    TickPlan plan = CanaryMachine.plan(policy, state);
    List<Verdict> verdicts = new ArrayList<>();
    for (MetricCheck m : plan.metrics()) {
      if (random.nextInt(20) == 0) {
        continue;
      }
      VerdictLabel label = random.nextInt(3) == 0
          ? VerdictLabel.values()[random.nextInt(VerdictLabel.values().length)] : VerdictLabel.PASS;
      verdicts.add(Verdict.of(m.name(), label, random.nextDouble() * 10, random.nextDouble() * 10, "<= x", "random", m.critical()));
    }
    Map<String, GateResult> gates = new HashMap<>();
    for (GateSpec g : plan.gates()) {
      if (random.nextInt(4) != 0) {
        gates.put(g.name(), new GateResult(random.nextInt(3) != 0, "random"));
      }
    }
    Map<String, SequentialEvidence> evidence = new HashMap<>();
    for (MetricCheck m : plan.metrics()) {
      if (random.nextInt(3) == 0) {
        long canary = random.nextInt(2000);
        long primary = random.nextInt(2000);
        evidence.put(m.name(), SequentialJudge.observe(SequentialConfig.ofDefaults(),
            state.evidence().getOrDefault(m.name(), SequentialEvidence.none()),
            TickCounts.of(canary, random.nextInt((int) canary / 10 + 1)),
            TickCounts.of(primary, random.nextInt((int) primary / 10 + 1))).evidence());
      }
    }
    return new Input.Tick(verdicts, gates, evidence);
  }

  Duration step(CanaryPolicy policy) {
    return random.nextInt(10) == 0 ? Duration.ofMinutes(random.nextInt(30)) : policy.analysis().interval();
  }
}
