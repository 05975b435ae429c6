package dev.canary4j.simulation;

import dev.canary4j.GateResult;
import dev.canary4j.spi.Gate;
import dev.canary4j.spi.GateRequest;

/**
 * The webhook gates of a simulation: each answers as the scenario scripted it at or before the
 * current tick, and is closed until its first answer.
 */
final class ScenarioGates implements Gate {

  private final Scenario scenario;
  private int tick;

  ScenarioGates(Scenario scenario) {
    this.scenario = scenario;
  }

  void tick(int current) {
    this.tick = current;
  }

  @Override
  public GateResult check(GateRequest request) {
    GateResult answer = GateResult.closed("no answer scripted for gate " + request.gate().name() + " yet");
    for (Scenario.GateAnswer a : scenario.gates()) {
      if (a.gate().equals(request.gate().name()) && a.tick() <= tick) {
        answer = new GateResult(a.open(), a.message());
      }
    }
    return answer;
  }
}
