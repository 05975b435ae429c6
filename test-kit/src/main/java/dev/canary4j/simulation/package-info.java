/**
 * The simulation kit: a simulated clock and scheduler, in-memory adapters, scripted and modelled
 * metrics, and {@link dev.canary4j.simulation.Simulation} to run a policy against a scenario and
 * assert on the resulting {@link dev.canary4j.simulation.Timeline}.
 */
package dev.canary4j.simulation;
