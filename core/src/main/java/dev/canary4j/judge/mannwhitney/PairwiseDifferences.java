package dev.canary4j.judge.mannwhitney;

import java.util.Arrays;

/**
 * The m x n differences {@code x[i] - y[j]} of two sorted samples, queried without materialising them.
 *
 * <p>With both samples sorted ascending, each row {@code i} of the implicit matrix is non-increasing in
 * {@code j} and each column is non-decreasing in {@code i} (floating-point subtraction is monotone), so
 * counting the differences at or below a value is one two-pointer pass in O(m + n). Selecting the k-th
 * smallest difference starts from two quantiles of a sketch (the differences of a 64 x 64 evenly spaced
 * subsample) that likely bracket it, then narrows the bracket by regula falsi on the counts, falling
 * back to bisection on the value and finally on the bit patterns, so the number of passes is bounded.
 * After every pass both ends snap to the nearest actual differences, so ties end the search at once
 * instead of halving towards them; when few candidates remain they are enumerated and sorted. Every
 * pass is remembered, and a selection starts from the narrowest bracket earlier passes give its rank:
 * an estimate and the ends of its interval are close in rank, so they share most passes. This is
 * the counting scheme of Monahan (1984) and Johnson and Mizoguchi (1978) for two samples: O(m + n)
 * memory and O((m + n) log(range)) time at worst, about five passes per selection in practice.
 */
final class PairwiseDifferences {

  /** Below this many candidates in the bracket, enumerate them rather than bisect further. */
  private static final int ENUMERATION_LIMIT = 2048;
  /** Value bisection halves the range; after this many steps halve the bit patterns instead. */
  private static final int VALUE_BISECTION_STEPS = 80;
  /** Sample points per side of the sketch. */
  private static final int SKETCH_SIDE = 64;

  private final double[] x;
  private final double[] y;
  private final int m;
  private final int n;
  /** Sorted differences of an evenly spaced subsample of x and y, to start each selection near its target. */
  private double[] sketch;
  /** What each pass so far found (differences at or below its value, the nearest either side), for later selections. */
  private long[] seenAtMost = new long[32];
  private double[] seenBelow = new double[32];
  private double[] seenAbove = new double[32];
  private int seen;

  /** Differences of {@code sortedX} minus {@code sortedY}; both ascending, finite and non-empty. */
  PairwiseDifferences(double[] sortedX, double[] sortedY) {
    this.x = sortedX;
    this.y = sortedY;
    this.m = sortedX.length;
    this.n = sortedY.length;
  }

  /** Number of differences. */
  long size() {
    return (long) m * n;
  }

  /** The smallest difference. */
  double min() {
    return x[0] - y[n - 1];
  }

  /** The largest difference. */
  double max() {
    return x[m - 1] - y[0];
  }

  /** The k-th smallest difference, {@code k} counted from 1. */
  double select(long k) {
    if (k < 1 || k > size()) {
      throw new IllegalArgumentException("k must be between 1 and " + size() + ", but was " + k);
    }
    double a = min();
    double b = max();
    long countBelowA = 0;
    long countUpToB = size();
    // Start from what the passes of earlier selections found: the ends of an interval and its
    // estimate lie within a few percent of each other's ranks, so one's passes bracket the others.
    for (int s = 0; s < seen; s++) {
      long atMost = seenAtMost[s];
      if (atMost >= k && atMost < countUpToB) {
        b = seenBelow[s];
        countUpToB = atMost;
      } else if (atMost < k && atMost > countBelowA) {
        a = seenAbove[s];
        countBelowA = atMost;
      }
    }
    double[] guesses = guesses(k);
    for (double guess : guesses) {
      if (guess >= a && guess < b) {
        Pass p = pass(guess);
        if (p.atMost >= k) {
          b = p.below;
          countUpToB = p.atMost;
        } else {
          a = p.above;
          countBelowA = p.atMost;
        }
      }
    }
    boolean interpolate = true;
    for (int step = 0; ; step++) {
      if (a == b) {
        return a + 0.0;
      }
      long candidates = countUpToB - countBelowA;
      if (candidates <= ENUMERATION_LIMIT) {
        return enumerate(a, b, (int) candidates)[(int) (k - countBelowA - 1)] + 0.0;
      }
      double mid;
      if (step >= VALUE_BISECTION_STEPS) {
        mid = bitMidpoint(a, b);
      } else if (interpolate) {
        // Regula falsi on the count: where k would fall if the candidates were spread evenly.
        double fraction = (k - countBelowA - 0.5) / candidates;
        mid = a + (b - a) * fraction;
      } else {
        mid = a * 0.5 + b * 0.5;
      }
      if (!(mid >= a && mid < b)) {
        mid = a;
      }
      Pass p = pass(mid);
      if (p.atMost >= k) {
        b = p.below;
        countUpToB = p.atMost;
      } else {
        a = p.above;
        countBelowA = p.atMost;
      }
      // Interpolate while it at least halves the candidates; otherwise bisect once.
      interpolate = !interpolate || countUpToB - countBelowA <= candidates / 2;
    }
  }

  /**
   * Two values that likely bracket the k-th difference: quantiles of the sketch a few standard errors
   * either side of k's share. A wrong guess costs one pass and still narrows the search.
   */
  private double[] guesses(long k) {
    if (size() <= (long) SKETCH_SIDE * SKETCH_SIDE * 4) {
      return new double[0];
    }
    if (sketch == null) {
      sketch = buildSketch();
    }
    int s = sketch.length;
    double share = (k - 0.5) / size();
    int centre = (int) Math.floor(share * s);
    int spread = (int) Math.ceil(3 * Math.sqrt(s * share * (1 - share))) + 4;
    return new double[] {sketch[Math.max(0, centre - spread)], sketch[Math.min(s - 1, centre + spread)]};
  }

  private double[] buildSketch() {
    double[] xs = evenlySpaced(x);
    double[] ys = evenlySpaced(y);
    double[] diffs = new double[xs.length * ys.length];
    int i = 0;
    for (double a : xs) {
      for (double b : ys) {
        diffs[i++] = a - b;
      }
    }
    RadixSort.sort(diffs);
    return diffs;
  }

  private static double[] evenlySpaced(double[] sorted) {
    int count = Math.min(sorted.length, SKETCH_SIDE);
    double[] picked = new double[count];
    for (int i = 0; i < count; i++) {
      picked[i] = sorted[(int) ((i + 0.5) * sorted.length / count)];
    }
    return picked;
  }

  /** The differences in [a, b], sorted; {@code expected} is how many there are. */
  private double[] enumerate(double a, double b, int expected) {
    double[] found = new double[expected];
    int size = 0;
    int upper = 0;
    int lower = 0;
    for (int i = 0; i < m; i++) {
      while (upper < n && x[i] - y[upper] > b) {
        upper++;
      }
      while (lower < n && x[i] - y[lower] >= a) {
        lower++;
      }
      for (int j = upper; j < lower; j++) {
        found[size++] = x[i] - y[j];
      }
    }
    if (size != expected) {
      throw new IllegalStateException("expected " + expected + " differences in [" + a + ", " + b + "] but found " + size);
    }
    RadixSort.sort(found);
    return found;
  }

  /** One pass at {@code t}: the count at or below it and the nearest differences on either side. */
  Pass pass(double t) {
    long atMost = 0;
    double below = Double.NEGATIVE_INFINITY;
    double above = Double.POSITIVE_INFINITY;
    int p = 0;
    for (int i = 0; i < m; i++) {
      double xi = x[i];
      while (p < n && xi - y[p] > t) {
        p++;
      }
      atMost += n - p;
      if (p < n && xi - y[p] > below) {
        below = xi - y[p];
      }
      if (p > 0 && xi - y[p - 1] < above) {
        above = xi - y[p - 1];
      }
    }
    Pass found = new Pass(atMost, below, above == Double.POSITIVE_INFINITY ? Double.NaN : above);
    if (seen == seenAtMost.length) {
      seenAtMost = Arrays.copyOf(seenAtMost, 2 * seen);
      seenBelow = Arrays.copyOf(seenBelow, 2 * seen);
      seenAbove = Arrays.copyOf(seenAbove, 2 * seen);
    }
    seenAtMost[seen] = found.atMost;
    seenBelow[seen] = found.below;
    seenAbove[seen] = found.above;
    seen++;
    return found;
  }

  /** The double halfway between a and b in the order of bit patterns, so each step halves the candidates. */
  private static double bitMidpoint(double a, double b) {
    long ka = orderedBits(a);
    long kb = orderedBits(b);
    return fromOrderedBits((ka >> 1) + (kb >> 1) + (ka & kb & 1));
  }

  private static long orderedBits(double d) {
    long bits = Double.doubleToLongBits(d);
    return bits >= 0 ? bits : bits ^ Long.MAX_VALUE;
  }

  private static double fromOrderedBits(long key) {
    return Double.longBitsToDouble(key >= 0 ? key : key ^ Long.MAX_VALUE);
  }

  /**
   * What one pass at a value finds.
   *
   * @param atMost differences at or below the value
   * @param below the largest difference at or below it (-infinity when none)
   * @param above the smallest difference above it (NaN when none)
   */
  record Pass(long atMost, double below, double above) {}
}
