/**
 * canary4j's API and its pure state machine: {@link dev.canary4j.CanaryMachine#decide} turns a
 * policy, a state, an input and the time into a {@link dev.canary4j.Decision}.
 *
 * <ul>
 *   <li>Machine: {@code CanaryMachine} (the entry point), {@code Rollout} (what a tick does in each
 *       phase), {@code Commands} (manual commands in each phase), {@code DecisionDraft} (a decision
 *       being built), {@code GateWait} (gates waited on), {@code Steps} (the traffic of each step),
 *       {@code TickAnalysis} (a tick's verdicts into one outcome), {@code Phase} and
 *       {@code PhaseTransition} (the legal moves, refused by {@code IllegalPhaseTransitionException}).
 *   <li>State: {@code CanaryState}, with its {@code Counters}, {@code TrafficSplit} and
 *       {@code HistoryEntry} lines.
 *   <li>Inputs: {@code Input} (a tick, a new revision, a command), with {@code Command},
 *       {@code GateResult}, {@code Readiness} and {@code WorkloadReadiness}; {@code TickPlan} says what
 *       to observe for the next tick.
 *   <li>Decision: {@code Decision} with its {@code Action}s to perform, {@code CanaryEvent}s to publish
 *       and the {@code AnalysisOutcome} of the tick.
 * </ul>
 *
 * <p>Policies are in {@code policy}, the judges in {@code judge}, adapters' interfaces in {@code spi}.
 */
package dev.canary4j;
