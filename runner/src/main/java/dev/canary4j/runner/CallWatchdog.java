package dev.canary4j.runner;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The time limit of calls that run on the thread that makes them: one daemon thread for the whole
 * JVM sleeps until the earliest deadline of the calls under way and interrupts the thread of a call
 * that overran it; that call is abandoned, so whatever it returns or throws later, its caller gets
 * the time limit's failure. A call that ends in time costs a few volatile writes: no other thread
 * runs it, and the watchdog is not woken for it. Thread-safe.
 *
 * <p>Why not hand each call to a pool thread and wait for it with a timeout: that costs two thread
 * switches per call (the pool thread's wake-up and the caller's), which for a runner with in-memory
 * or fast adapters costs more than the decision itself. Here only an overrun costs anything.
 */
final class CallWatchdog {

  /** The one watchdog of the JVM. */
  static final CallWatchdog SHARED = new CallWatchdog();

  private static final long IDLE = 0;
  private static final long ABANDONING = -1;
  private static final long ABANDONED = -2;
  /** Longest sleep of the watchdog while no deadline is nearer; calls starting meanwhile end later. */
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** What the watchdog publishes as its wake-up time while it scans: any call starting then wakes it again. */
  private static final long SCANNING = Long.MAX_VALUE / 4;

  private final ThreadLocal<Slot> current = ThreadLocal.withInitial(() -> register(new Slot(Thread.currentThread())));
  private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
  private final Thread watcher;
  /** When the watcher will next look, as {@link System#nanoTime}; a call with an earlier deadline wakes it. */
  private volatile long nextLook = SCANNING;

  private CallWatchdog() {
    watcher = new Thread(this::watch, "canary4j-call-watchdog");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** The call under way on one thread: its sequence number while it runs, or one of the states above. */
  private static final class Slot {
    final Thread thread;
    final AtomicLong state = new AtomicLong(IDLE);
    volatile long deadline;
    /** Run by the watchdog when it abandons the current call, then the thread's hook, then the listener. */
    volatile Runnable callHook;
    volatile AbandonListener listener;
    volatile String subject;
    volatile Runnable threadHook;
    long calls;

    Slot(Thread thread) {
      this.thread = thread;
    }
  }

  /** Told what an abandoned call was about (a canary's id), on the watchdog's thread; must return at once. */
  interface AbandonListener {
    void abandoned(String subject);
  }

  /** A call under way; {@link #end(boolean)} says whether it ended in time. */
  final class Watch {
    private final Slot slot;
    private final long call;
    private final boolean own;

    private Watch(Slot slot, long call, boolean own) {
      this.slot = slot;
      this.call = call;
      this.own = own;
    }

    /**
     * Ends the watch: {@code true} when the call ended before its deadline, {@code false} when it was
     * abandoned, in which case the interrupt the watchdog sent is cleared (an interrupt the thread had
     * before is kept).
     */
    boolean end(boolean interruptedBefore) {
      try {
        if (slot.state.compareAndSet(call, IDLE)) {
          return true;
        }
        while (slot.state.get() != ABANDONED) {
          Thread.onSpinWait(); // the watchdog is between its claim and its interrupt
        }
        Thread.interrupted(); // the watchdog's interrupt, which must not cut the caller's next wait short
        if (interruptedBefore) {
          Thread.currentThread().interrupt();
        }
        slot.state.set(IDLE);
        return false;
      } finally {
        if (!own) {
          slots.remove(slot);
        }
      }
    }
  }

  /**
   * Starts watching a call on the current thread that must end within {@code limitNanos};
   * {@code onAbandon} (or null) runs on the watchdog's thread if it is abandoned, at once, even if
   * the call never returns.
   */
  Watch start(long limitNanos, Runnable onAbandon) {
    return start(limitNanos, onAbandon, null, null);
  }

  /**
   * As {@link #start(long, Runnable)}, and tells {@code listener} (or nobody) {@code subject} once
   * the call is abandoned.
   */
  Watch start(long limitNanos, Runnable onAbandon, AbandonListener listener, String subject) {
    Slot slot = current.get();
    boolean own = true;
    if (slot.state.get() != IDLE) {
      // A call made from inside a watched call gets a slot of its own.
      Runnable threadHook = slot.threadHook;
      slot = register(new Slot(Thread.currentThread()));
      slot.threadHook = threadHook;
      own = false;
    }
    long call = ++slot.calls;
    long deadline = System.nanoTime() + limitNanos;
    slot.deadline = deadline;
    slot.callHook = onAbandon;
    slot.listener = listener;
    slot.subject = subject;
    slot.state.set(call);
    if (deadline - nextLook < 0) {
      LockSupport.unpark(watcher);
    }
    return new Watch(slot, call, own);
  }

  /**
   * Sets what the watchdog runs (on its own thread) whenever it abandons a call of the current
   * thread, after the call's own hook; null for nothing.
   */
  void onAbandon(Runnable hook) {
    current.get().threadHook = hook;
  }

  /**
   * Whether {@code thread} is inside a call this watchdog abandoned and that has not returned yet: a
   * call that ignored its interrupt, perhaps for good.
   */
  boolean inAbandonedCall(Thread thread) {
    for (Slot slot : slots) {
      if (slot.thread == thread && slot.state.get() < IDLE) {
        return true;
      }
    }
    return false;
  }

  private Slot register(Slot slot) {
    slots.add(slot);
    return slot;
  }

  private void watch() {
    while (true) {
      nextLook = System.nanoTime() + SCANNING;
      long now = System.nanoTime();
      long next = now + IDLE_WAIT_NANOS;
      for (Slot slot : slots) {
        long call = slot.state.get();
        if (call <= IDLE) {
          if (call == IDLE && !slot.thread.isAlive()) {
            slots.remove(slot);
          }
          continue;
        }
        long deadline = slot.deadline;
        if (deadline - now <= 0) {
          if (slot.state.compareAndSet(call, ABANDONING)) {
            Runnable callHook = slot.callHook;
            Runnable threadHook = slot.threadHook;
            AbandonListener listener = slot.listener;
            String subject = slot.subject;
            slot.thread.interrupt();
            slot.state.set(ABANDONED);
            run(callHook);
            run(threadHook);
            if (listener != null) {
              run(() -> listener.abandoned(subject));
            }
          }
        } else if (deadline - next < 0) {
          next = deadline;
        }
      }
      nextLook = next;
      LockSupport.parkNanos(this, next - System.nanoTime());
    }
  }

  private static void run(Runnable hook) {
    if (hook != null) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        // A hook only relieves others of the abandoned call; the watchdog must keep watching.
      }
    }
  }
}
