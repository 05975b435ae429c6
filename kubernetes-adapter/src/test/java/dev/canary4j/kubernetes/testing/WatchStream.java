package dev.canary4j.kubernetes.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * The body of one open watch: watch events, one JSON object a line, written as HTTP chunks as they
 * happen, until the watch times out or the server ends it.
 */
final class WatchStream implements MockResponseBody {

  private static final String END = "";

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Predicate<String> filter;
  private final boolean bookmarks;
  private final long deadlineNanos;
  private volatile boolean ended;

  /** A stream showing the objects at paths {@code filter} accepts, ending after {@code timeout}. */
  WatchStream(Predicate<String> filter, boolean bookmarks, Duration timeout) {
    this.filter = filter;
    this.bookmarks = bookmarks;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  /** Whether the object at {@code path} is watched here. */
  boolean watches(String path) {
    return filter.test(path);
  }

  /** Whether the client asked for bookmarks. */
  boolean wantsBookmarks() {
    return bookmarks;
  }

  /** Whether this stream has ended (timed out, closed, or its client went away). */
  boolean ended() {
    return ended;
  }

  /** Sends one watch event. */
  void send(String event) {
    lines.add(event);
  }

  /** Ends the stream, as the server does when a watch times out or the server restarts. */
  void end() {
    lines.add(END);
  }

  /** The 200 answer that streams this watch. */
  MockResponse response() {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(this)
        .removeHeader("Content-Length").addHeader("Transfer-Encoding", "chunked").build();
  }

  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    try {
      sink.flush();
      while (true) {
        long left = deadlineNanos - System.nanoTime();
        String line = left <= 0 ? END : lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
        if (line == null) {
          continue;
        }
        if (line.equals(END)) {
          sink.writeUtf8("0\r\n\r\n").flush();
          return;
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n").flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ended = true;
    }
  }
}
