package dev.canary4j.judge.mannwhitney;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RadixSortTest {

  @Test
  void ordersLikeArraysSortAcrossSignsMagnitudesAndTies() {
    SplittableRandom random = new SplittableRandom(5);
    for (int size : new int[] {0, 1, 511, 512, 5_000}) {
      double[] values = new double[size];
      for (int i = 0; i < size; i++) {
        values[i] = switch (i % 6) {
          case 0 -> random.nextDouble() * 200 - 100;
          case 1 -> Math.pow(10, random.nextInt(-320, 308)) * (random.nextBoolean() ? 1 : -1);
          case 2 -> random.nextInt(3) - 1.0;
          case 3 -> Double.MIN_VALUE * (random.nextBoolean() ? 1 : -1);
          case 4 -> random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE;
          default -> 0.0;
        };
      }
      double[] expected = values.clone();
      Arrays.sort(expected);
      RadixSort.sort(values);
      assertThat(values).as("size %d", size).containsExactly(expected);
    }
  }

  @Test
  void sortsSamplesThatShareTheirHighBytes() {
    double[] values = new double[2_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 + (values.length - i) * 1e-12;
    }
    double[] expected = values.clone();
    Arrays.sort(expected);
    RadixSort.sort(values);
    assertThat(values).containsExactly(expected);
  }
}
