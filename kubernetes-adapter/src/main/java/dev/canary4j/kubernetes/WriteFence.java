package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.spi.PermanentAdapterException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a router call that a caller gave up on (its time limit passed) from landing after a later
 * call for the same object. Thread-safe.
 *
 * <p>Each call takes a {@link Ticket} before it reads the object and passes each edit it is about to
 * write through {@link Ticket#fence}, which throws once a later call has begun. Writes carry the read
 * {@code resourceVersion} as a precondition. Together they fence a late write:
 *
 * <ul>
 *   <li>if the late call reads after the later call began, {@code fence} refuses its edit;
 *   <li>if it read before, its write holds the old {@code resourceVersion}, so it fails (409) once
 *       the later call has written, and its retry is refused;
 *   <li>for that, the later call writes even when its edit changes nothing, while an earlier call is
 *       still running: it bumps the {@value #ANNOTATION} annotation, which moves the
 *       {@code resourceVersion} on.
 * </ul>
 *
 * Either way the object ends with the later call's edit.
 */
public final class WriteFence {

  /** The annotation a call bumps to move an object's resourceVersion on when it changes nothing else. */
  public static final String ANNOTATION = "canary4j.dev/write-fence";

  private final Map<String, Calls> calls = new ConcurrentHashMap<>();

  /** A fence with no call begun yet; one per router, shared by all of its calls. */
  public WriteFence() {}

  private static final class Calls {
    private long latest;
    private int running;
  }

  /**
   * A ticket for a new call on {@code object}, superseding every earlier ticket for it; close it when the
   * call ends.
   *
   * @param object names the object written (the routers pass the target's id); calls with the same name fence
   *     each other
   * @return the new ticket, to be closed when the call ends
   */
  public Ticket begin(String object) {
    Calls c = calls.computeIfAbsent(object, o -> new Calls());
    synchronized (c) {
      Ticket t = new Ticket(object, c, ++c.latest, c.running > 0);
      c.running++;
      return t;
    }
  }

  /** One call's claim on an object; valid until a later call on that object begins. */
  public static final class Ticket implements AutoCloseable {
    private final String object;
    private final Calls calls;
    private final long number;
    private final boolean overtakes;
    private boolean closed;

    private Ticket(String object, Calls calls, long number, boolean overtakes) {
      this.object = object;
      this.calls = calls;
      this.number = number;
      this.overtakes = overtakes;
    }

    /**
     * Whether no later call on the object has begun.
     *
     * @return {@code true} while this ticket is the newest for its object
     */
    public boolean isCurrent() {
      synchronized (calls) {
        return calls.latest == number;
      }
    }

    /**
     * The edit {@code next} of {@code current} to write: as it is, or, when it changes nothing while
     * an earlier call was still running as this one began, with {@value #ANNOTATION} bumped.
     *
     * @param current the object as read
     * @param next the object this call wants to write
     * @return the object to write
     * @throws SupersededWriteException when a later call on the object has begun
     */
    public ObjectNode fence(ObjectNode current, ObjectNode next) {
      if (!isCurrent()) {
        throw new SupersededWriteException(object);
      }
      if (!overtakes || !next.equals(current)) {
        return next;
      }
      ObjectNode stamped = next.deepCopy();
      ObjectNode annotations = stamped.withObjectProperty("metadata").withObjectProperty("annotations");
      annotations.put(ANNOTATION, Long.toString(annotations.path(ANNOTATION).asLong(0) + 1));
      return stamped;
    }

    /** Ends the call. */
    @Override
    public void close() {
      synchronized (calls) {
        if (!closed) {
          closed = true;
          calls.running--;
        }
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
