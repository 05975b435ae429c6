package dev.canary4j.internal.spec;

import java.util.List;
import java.util.Locale;

/** Suggests the known field an unknown one was probably meant to be. */
public final class FieldNames {

  private FieldNames() {}

  /** {@code did you mean 'x'? known: a, b} when a known field is close to {@code unknown}, else {@code known: a, b}. */
  public static String suggest(String unknown, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(unknown.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    String list = "known: " + String.join(", ", known);
    return best != null && bestDistance <= Math.max(1, unknown.length() / 4) ? "did you mean '" + best + "'? " + list : list;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
