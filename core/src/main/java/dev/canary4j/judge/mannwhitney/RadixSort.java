package dev.canary4j.judge.mannwhitney;

import java.util.Arrays;

/**
 * Sorts doubles by an LSD radix sort on their bit patterns, several times faster than a comparison
 * sort for the sample sizes of a canary analysis (thousands of values), in the same order as
 * {@link Arrays#sort(double[])} for values without NaN.
 *
 * <p>Each bit pattern is mapped to a key whose unsigned order is the numeric order (flip every bit of
 * a negative value, only the sign bit of a positive one); eight passes of one byte each, skipping the
 * bytes that all keys share (usually the exponent's), sort the keys.
 */
final class RadixSort {

  /** Below this size a comparison sort is as fast. */
  private static final int RADIX_THRESHOLD = 512;

  private RadixSort() {}

  /** Sorts {@code values} in place; none may be NaN. */
  static void sort(double[] values) {
    int n = values.length;
    if (n < RADIX_THRESHOLD) {
      Arrays.sort(values);
      return;
    }
    long[] keys = new long[n];
    int[][] counts = new int[8][256];
    for (int i = 0; i < n; i++) {
      long bits = Double.doubleToRawLongBits(values[i]);
      long key = bits ^ ((bits >> 63) | Long.MIN_VALUE);
      keys[i] = key;
      for (int b = 0; b < 8; b++) {
        counts[b][(int) (key >>> (8 * b)) & 0xFF]++;
      }
    }
    long[] buffer = new long[n];
    for (int b = 0; b < 8; b++) {
      int[] count = counts[b];
      if (count[(int) (keys[0] >>> (8 * b)) & 0xFF] == n) {
        continue;
      }
      int position = 0;
      for (int d = 0; d < 256; d++) {
        int c = count[d];
        count[d] = position;
        position += c;
      }
      int shift = 8 * b;
      for (long key : keys) {
        buffer[count[(int) (key >>> shift) & 0xFF]++] = key;
      }
      long[] swap = keys;
      keys = buffer;
      buffer = swap;
    }
    for (int i = 0; i < n; i++) {
      long key = keys[i];
      values[i] = Double.longBitsToDouble(key ^ (((key >> 63) ^ -1L) | Long.MIN_VALUE));
    }
  }
}
