package dev.canary4j.kubernetes.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fake API server's change history and open watches: every change is kept (until compacted) and
 * sent to the watches that select its object. Guarded by the server's lock.
 */
final class WatchHub {

  private record Change(long resourceVersion, String path, String event) {}

  private final List<Change> history = new ArrayList<>();
  private final List<WatchStream> watches = new CopyOnWriteArrayList<>();
  private long compactedThrough;

  /** Records that the object at {@code path} became {@code object} ({@code type} ADDED, MODIFIED or DELETED) at {@code version}. */
  void changed(long version, String path, String type, ObjectNode object) {
    String event = event(type, object);
    history.add(new Change(version, path, event));
    for (WatchStream w : watches) {
      if (w.ended()) {
        watches.remove(w);
      } else if (w.watches(path)) {
        w.send(event);
      }
    }
  }

  /**
   * Starts {@code stream} from resourceVersion {@code from}: the current {@code objects} as ADDED when
   * {@code from} is empty or 0, the changes after it otherwise, or 410 Expired when they are compacted.
   */
  void open(WatchStream stream, String from, Map<String, ObjectNode> objects) {
    if (from == null || from.isEmpty() || from.equals("0")) {
      objects.forEach((p, o) -> {
        if (stream.watches(p)) {
          stream.send(event("ADDED", o));
        }
      });
    } else {
      long since = Long.parseLong(from);
      if (since < compactedThrough) {
        stream.send("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"too old resource version: " + since + " (" + compactedThrough
            + ")\",\"reason\":\"Expired\",\"code\":410}}");
        stream.end();
        return;
      }
      history.stream().filter(c -> c.resourceVersion() > since && stream.watches(c.path()))
          .forEach(c -> stream.send(c.event()));
    }
    watches.add(stream);
  }

  /** The watches open now. */
  int open() {
    watches.removeIf(WatchStream::ended);
    return watches.size();
  }

  /** Sends a BOOKMARK at {@code version} to every watch that asked for bookmarks. */
  void bookmark(long version) {
    for (WatchStream w : watches) {
      if (w.wantsBookmarks()) {
        w.send("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":"
            + "{\"resourceVersion\":\"" + version + "\"}}}");
      }
    }
  }

  /** Ends every open watch. */
  void closeAll() {
    watches.forEach(WatchStream::end);
    watches.clear();
  }

  /** Forgets the history up to {@code version}. */
  void compact(long version) {
    compactedThrough = version;
    history.clear();
  }

  private static String event(String type, ObjectNode object) {
    return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
  }
}
