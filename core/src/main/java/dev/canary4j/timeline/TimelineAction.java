package dev.canary4j.timeline;

import dev.canary4j.Action;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An action the machine asked for.
 *
 * @param type the kind: {@code SetTraffic}, {@code Prepare}, {@code Promote}, {@code Finalise},
 *     {@code RollBack} or {@code NotifyGates}
 * @param details the kind's own fields (for {@code SetTraffic}: {@code weights})
 */
public record TimelineAction(String type, Map<String, Object> details) {

  /**
   * Checks that there is a type and copies the details, sorted by name ({@code null}: none).
   *
   * @param type the action's kind; not {@code null}
   * @param details the kind's own fields, or {@code null}
   */
  public TimelineAction {
    Objects.requireNonNull(type, "type");
    details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /**
   * {@code action} in the timeline's shape.
   *
   * @param action an action of the machine
   * @return its kind and fields
   */
  public static TimelineAction of(Action action) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (action instanceof Action.SetTraffic a) {
      d.put("weights", TimelineWeights.of(a.split()));
    } else if (action instanceof Action.Prepare a) {
      d.put("revision", a.revision());
    } else if (action instanceof Action.Promote a) {
      d.put("revision", a.revision());
    } else if (action instanceof Action.Finalise a) {
      d.put("revision", a.revision());
    } else if (action instanceof Action.RollBack a) {
      d.put("revision", a.revision());
      d.put("reason", a.reason());
    } else if (action instanceof Action.NotifyGates a) {
      d.put("gateType", a.type().specName());
    }
    return new TimelineAction(action.getClass().getSimpleName(), d);
  }
}
