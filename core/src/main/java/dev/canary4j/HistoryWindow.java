package dev.canary4j;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A state's history: an immutable list that shares one array with the states before and after it,
 * so that appending an entry to a full history costs the entry, not a copy of the hundred before it.
 *
 * <p>Each window sees a fixed range of the shared array. Appending writes past the range only when
 * no other state has claimed those slots yet (a compare-and-set on the claimed length); a second
 * decision from the same state, or a full array, copies the newest entries into a new array. Slots
 * a window sees are written before the window is built and never again, and the array is reached
 * through final fields, so a state handed to another thread shows the entries it was built with.
 */
final class HistoryWindow extends AbstractList<HistoryEntry> implements RandomAccess {

  /** The entries of one run of histories and how many slots are claimed, from the start. */
  private static final class Shared {
    final HistoryEntry[] entries;
    final AtomicInteger claimed;

    Shared(HistoryEntry[] entries, int claimed) {
      this.entries = entries;
      this.claimed = new AtomicInteger(claimed);
    }
  }

  private final Shared shared;
  private final int start;
  private final int size;

  private HistoryWindow(Shared shared, int start, int size) {
    this.shared = shared;
    this.start = start;
    this.size = size;
  }

  /** The newest {@code limit} entries of {@code older} followed by {@code newer}. */
  static List<HistoryEntry> append(List<HistoryEntry> older, List<HistoryEntry> newer, int limit) {
    int added = newer.size();
    int size = Math.min(limit, older.size() + added);
    int capacity = Math.max(2 * limit, size);
    if (older instanceof HistoryWindow w) {
      int end = w.start + w.size;
      if (end + added <= w.shared.entries.length) {
        if (w.shared.claimed.compareAndSet(end, end + added)) {
          for (int i = 0; i < added; i++) {
            w.shared.entries[end + i] = newer.get(i);
          }
          return new HistoryWindow(w.shared, end + added - size, size);
        }
        // Another decision from the same state took the room; this one is likely a trial that is
        // thrown away, so it copies no more than it keeps (a later append makes room again).
        capacity = size;
      }
    }
    // Otherwise room for as many appends again as the history holds, before the next copy.
    HistoryEntry[] entries = new HistoryEntry[capacity];
    int fromNewer = Math.min(size, added);
    int fromOlder = size - fromNewer;
    for (int i = 0; i < fromOlder; i++) {
      entries[i] = older.get(older.size() - fromOlder + i);
    }
    for (int i = 0; i < fromNewer; i++) {
      entries[fromOlder + i] = newer.get(added - fromNewer + i);
    }
    return new HistoryWindow(new Shared(entries, size), 0, size);
  }

  @Override
  public HistoryEntry get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of a history of " + size + " entries");
    }
    return shared.entries[start + index];
  }

  @Override
  public int size() {
    return size;
  }
}
