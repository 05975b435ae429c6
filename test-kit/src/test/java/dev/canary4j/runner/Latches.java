package dev.canary4j.runner;

import java.util.concurrent.CountDownLatch;

/** Waits the way a remote that ignores interrupts does, for tests of the runner's time limits. */
final class Latches {

  private Latches() {}

  /** Waits for {@code latch} through any interrupt, then restores the interrupt as careful code does. */
  static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
