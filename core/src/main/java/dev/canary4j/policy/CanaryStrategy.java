package dev.canary4j.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Progressive traffic shifting: the canary's weight rises step by step while its analysis passes.
 *
 * <p>Steps come either from an explicit, strictly increasing {@code stepWeights} list or from
 * {@code stepWeight} multiples up to {@code maxWeight}. Where {@code maxWeight} is not a multiple of
 * {@code stepWeight} the last step is {@code maxWeight} itself: unlike a plain {@code += stepWeight}
 * loop, the weight never overshoots the maximum. With a {@link Mirror}, one analysis runs with
 * mirrored traffic at weight 0 before the first step.
 *
 * @param stepWeight weight added per step, or {@code null} with explicit steps
 * @param maxWeight last canary weight before promotion, or {@code null} with explicit steps
 * @param stepWeights explicit canary weights, or empty
 * @param mirror optional mirrored pre-stage
 */
public record CanaryStrategy(Integer stepWeight, Integer maxWeight, List<Integer> stepWeights, Mirror mirror)
    implements Strategy {

  /**
   * Copies the explicit steps; the policy's validation checks the fields.
   *
   * @param stepWeight weight added per step, or {@code null} with explicit steps
   * @param maxWeight last canary weight before promotion, or {@code null} with explicit steps
   * @param stepWeights explicit canary weights, or {@code null} or empty
   * @param mirror optional mirrored pre-stage, or {@code null}
   */
  public CanaryStrategy {
    stepWeights = Violations.copy(stepWeights);
  }

  /**
   * Steps of {@code stepWeight} up to {@code maxWeight}.
   *
   * @param stepWeight weight added per step, 1 to 100
   * @param maxWeight last canary weight before promotion, 1 to 100
   * @return the strategy, without mirror
   */
  public static CanaryStrategy linear(int stepWeight, int maxWeight) {
    return new CanaryStrategy(stepWeight, maxWeight, List.of(), null);
  }

  /**
   * Explicit steps, for example {@code 1, 5, 10, 25, 50}.
   *
   * @param weights the canary weights, strictly increasing, each 1 to 100
   * @return the strategy, without mirror
   */
  public static CanaryStrategy steps(Integer... weights) {
    return new CanaryStrategy(null, null, List.of(weights), null);
  }

  /**
   * This strategy with a mirrored pre-stage.
   *
   * @param mirror the mirror settings, or {@code null} for none
   * @return a new strategy; this one is unchanged
   */
  public CanaryStrategy withMirror(Mirror mirror) {
    return new CanaryStrategy(stepWeight, maxWeight, stepWeights, mirror);
  }

  /**
   * The canary weight of every step, in order.
   *
   * @return the weights, 1 to 100, strictly increasing
   */
  public List<Integer> weights() {
    if (!stepWeights.isEmpty()) {
      return stepWeights;
    }
    List<Integer> weights = new ArrayList<>();
    for (int i = 0; i < stepCount(); i++) {
      weights.add(weight(i));
    }
    return List.copyOf(weights);
  }

  /**
   * The number of steps, {@code weights().size()}, counted without building the list.
   *
   * @return how many traffic steps the strategy has; 0 for one without steps (blue/green)
   */
  public int stepCount() {
    if (!stepWeights.isEmpty()) {
      return stepWeights.size();
    }
    if (stepWeight == null || maxWeight == null || stepWeight <= 0 || maxWeight <= 0) {
      return 0;
    }
    // The multiples of stepWeight below maxWeight, then maxWeight itself.
    return (maxWeight - 1) / stepWeight + 1;
  }

  /**
   * The canary weight of step {@code index} (from 0), {@code weights().get(index)} without building the list.
   *
   * @param index the step, from 0 to {@link #stepCount()} - 1
   * @return the canary's weight at that step, in percent
   * @throws IndexOutOfBoundsException when {@code index} is not a step of the strategy
   */
  public int weight(int index) {
    int count = stepCount();
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("step " + index + " of a strategy with " + count + " steps");
    }
    if (!stepWeights.isEmpty()) {
      return stepWeights.get(index);
    }
    return index < count - 1 ? (index + 1) * stepWeight : maxWeight;
  }

  @Override
  @SuppressWarnings("exports") // Violations is package-private: only the policy package can call this.
  public void check(Violations v, String path) {
    if (!stepWeights.isEmpty()) {
      if (stepWeight != null || maxWeight != null) {
        v.add(path + ".stepWeights", "must not be combined with stepWeight/maxWeight", stepWeights);
      }
      int previous = 0;
      for (int i = 0; i < stepWeights.size(); i++) {
        Integer w = stepWeights.get(i);
        String p = path + ".stepWeights[" + i + "]";
        if (w == null) {
          v.missing(p);
          continue;
        }
        if (w < 1 || w > 100) {
          v.add(p, "must be between 1 and 100", w);
        } else if (w <= previous) {
          v.add(p, "must be greater than the previous step (" + previous + ")", w);
        }
        previous = Math.max(previous, w);
      }
    } else {
      if (stepWeight == null) {
        v.add(path + ".stepWeight", "is required unless stepWeights is given", null);
      } else {
        v.require(stepWeight >= 1 && stepWeight <= 100, path + ".stepWeight", "must be between 1 and 100", stepWeight);
      }
      if (maxWeight == null) {
        v.add(path + ".maxWeight", "is required unless stepWeights is given", null);
      } else if (maxWeight < 1 || maxWeight > 100) {
        v.add(path + ".maxWeight", "must be between 1 and 100", maxWeight);
      } else if (stepWeight != null && stepWeight >= 1 && maxWeight < stepWeight) {
        v.add(path + ".maxWeight", "must be at least stepWeight (" + stepWeight + ")", maxWeight);
      }
    }
    if (mirror != null) {
      mirror.check(v, path + ".mirror");
    }
  }
}
