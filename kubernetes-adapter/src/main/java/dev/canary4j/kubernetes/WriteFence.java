package dev.canary4j.kubernetes;

import dev.canary4j.spi.PermanentAdapterException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a router call that a caller gave up on (its time limit passed) from landing after a later
 * call for the same object. Thread-safe.
 *
 * <p>Each call takes a {@link Ticket} before it reads the object, and {@linkplain Ticket#check checks}
 * it after each read, just before it writes. Writes carry the read {@code resourceVersion} as a
 * precondition. Together they fence a late write: if the later call wrote first, the late write's
 * precondition fails (409) and its retry finds its ticket superseded; if the late call reads after
 * the later call took its ticket, the check fails before anything is sent. Either way the object
 * ends with the later call's edit.
 */
public final class WriteFence {

  private final Map<String, AtomicLong> latest = new ConcurrentHashMap<>();

  /** A ticket for a new call on {@code object}, superseding every earlier ticket for it. */
  public Ticket begin(String object) {
    return new Ticket(object, latest.computeIfAbsent(object, o -> new AtomicLong()).incrementAndGet());
  }

  /** One call's claim on an object; valid until a later call on that object begins. */
  public final class Ticket {
    private final String object;
    private final long number;

    private Ticket(String object, long number) {
      this.object = object;
      this.number = number;
    }

    /** Whether no later call on the object has begun. */
    public boolean isCurrent() {
      return latest.get(object).get() == number;
    }

    /** Throws {@link SupersededWriteException} when a later call on the object has begun. */
    public void check() {
      if (!isCurrent()) {
        throw new SupersededWriteException(object);
      }
    }
  }

  /** A write not sent because a later call for the same object began; retrying it would undo that call. */
  public static final class SupersededWriteException extends PermanentAdapterException {
    private static final long serialVersionUID = 1L;

    SupersededWriteException(String object) {
      super("Write to " + object + " abandoned: a later call for the same object began, so this older edit "
          + "must not land after it");
    }
  }
}
