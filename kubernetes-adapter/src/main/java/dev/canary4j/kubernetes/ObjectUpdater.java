package dev.canary4j.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary4j.kubernetes.client.KubeClient;
import dev.canary4j.kubernetes.client.KubeConflictException;
import dev.canary4j.kubernetes.client.KubeNotFoundException;
import dev.canary4j.kubernetes.client.KubeResource;
import dev.canary4j.spi.PermanentAdapterException;
import dev.canary4j.spi.RouteChangedException;
import dev.canary4j.spi.TransientAdapterException;
import java.util.List;
import java.util.function.UnaryOperator;

/** Writes an edit of one object with the configured {@link WriteStrategy}, retrying lost races. */
public final class ObjectUpdater {

  private final KubeClient client;
  private final WriteSettings config;

  /**
   * An updater writing through {@code client} as {@code config} says.
   *
   * @param client the Kubernetes API client to write through; not {@code null}
   * @param config the write strategy, field manager, force and attempts to use; not {@code null}
   */
  public ObjectUpdater(KubeClient client, WriteSettings config) {
    this.client = client;
    this.config = config;
  }

  /**
   * The object, or a permanent error naming it when it does not exist.
   *
   * @param type the object's resource type
   * @param namespace the object's namespace
   * @param name the object's name
   * @return the object as the server sent it
   */
  public ObjectNode read(KubeResource type, String namespace, String name) {
    try {
      return client.get(type, namespace, name);
    } catch (KubeNotFoundException e) {
      throw new PermanentAdapterException(describe(type, namespace, name) + " not found (" + type.apiVersion() + ")", e);
    }
  }

  /**
   * Reads the object, applies {@code edit}, and writes the result unless it is unchanged.
   * {@code specFields} are the fields under {@code spec} that server-side apply takes ownership of.
   *
   * @param type the object's resource type
   * @param namespace the object's namespace
   * @param name the object's name
   * @param specFields the top-level fields of {@code spec} the edit owns, e.g. {@code http}
   * @param edit turns the object read into the one to write; returns it unchanged to write nothing
   */
  public void update(KubeResource type, String namespace, String name, List<String> specFields, UnaryOperator<ObjectNode> edit) {
    update(type, namespace, name, specFields, edit, null);
  }

  /**
   * Like {@link #update}, but fenced when {@code expectedVersion} is not null: the object must still
   * be at that resourceVersion, which both write strategies send as a precondition, and a lost race
   * is not retried. Returns the object's resourceVersion after the update.
   *
   * @param type the object's resource type
   * @param namespace the object's namespace
   * @param name the object's name
   * @param specFields the top-level fields of {@code spec} the edit owns, e.g. {@code http}
   * @param edit turns the object read into the one to write; returns it unchanged to write nothing
   * @param expectedVersion the resourceVersion the object must still have, or {@code null} for no fence
   * @return the resourceVersion after the update (the read one when nothing was written)
   */
  public String update(KubeResource type, String namespace, String name, List<String> specFields,
      UnaryOperator<ObjectNode> edit, String expectedVersion) {
    String object = describe(type, namespace, name);
    KubeConflictException lastRace = null;
    for (int attempt = 1; attempt <= config.maxWriteAttempts(); attempt++) {
      ObjectNode current = read(type, namespace, name);
      String readVersion = current.path("metadata").path("resourceVersion").asText(null);
      if (expectedVersion != null && !expectedVersion.equals(readVersion)) {
        throw new RouteChangedException(object, expectedVersion, readVersion);
      }
      ObjectNode next = edit.apply(current);
      if (next.equals(current)) {
        return readVersion;
      }
      try {
        ObjectNode written;
        if (config.writeStrategy() == WriteStrategy.READ_MODIFY_WRITE) {
          written = client.replace(type, namespace, name, next);
        } else {
          written = client.apply(type, namespace, name, applied(type, next, specFields), config.fieldManager(),
              config.force());
        }
        return written == null ? null : written.path("metadata").path("resourceVersion").asText(null);
      } catch (KubeConflictException e) {
        if (!e.fieldConflicts().isEmpty()) {
          throw new ApplyConflictException(object, config.fieldManager(), e);
        }
        if (expectedVersion != null) {
          throw new RouteChangedException(object, expectedVersion, "a newer version (409 on write)");
        }
        lastRace = e;
      } catch (KubeNotFoundException e) {
        throw new PermanentAdapterException(object + " was deleted while it was being updated", e);
      }
    }
    throw new TransientAdapterException(object + " kept changing under us: " + config.maxWriteAttempts()
        + " writes in a row lost to other writers (409)", lastRace);
  }

  /**
   * Creates {@code object}, by POST or by server-side apply according to the strategy.
   *
   * @param type the object's resource type
   * @param namespace the namespace to create it in
   * @param object the full object, with {@code apiVersion}, {@code kind} and {@code metadata.name}
   */
  public void create(KubeResource type, String namespace, ObjectNode object) {
    if (config.writeStrategy() == WriteStrategy.READ_MODIFY_WRITE) {
      client.create(type, namespace, object);
    } else {
      client.apply(type, namespace, object.path("metadata").path("name").asText(), object, config.fieldManager(),
          config.force());
    }
  }

  /** The apply configuration: identity, the read resourceVersion as a precondition, the fence, and our fields. */
  private static ObjectNode applied(KubeResource type, ObjectNode next, List<String> specFields) {
    ObjectNode body = next.objectNode();
    body.put("apiVersion", type.apiVersion());
    body.put("kind", type.kind());
    ObjectNode metadata = body.putObject("metadata");
    for (String f : new String[] {"name", "namespace", "resourceVersion"}) {
      if (next.path("metadata").has(f)) {
        metadata.set(f, next.path("metadata").get(f));
      }
    }
    JsonNode fence = next.path("metadata").path("annotations").path(WriteFence.ANNOTATION);
    if (fence.isTextual()) {
      // Applied each time, so the field manager keeps owning it rather than apply removing it.
      metadata.putObject("annotations").set(WriteFence.ANNOTATION, fence);
    }
    ObjectNode spec = body.putObject("spec");
    for (String f : specFields) {
      if (next.path("spec").has(f)) {
        spec.set(f, next.path("spec").get(f));
      }
    }
    return body;
  }

  /**
   * {@code Kind namespace/name}, as errors name an object.
   *
   * @param type the object's resource type, giving the kind
   * @param namespace the object's namespace
   * @param name the object's name
   * @return e.g. {@code VirtualService shop/checkout}
   */
  public static String describe(KubeResource type, String namespace, String name) {
    return type.kind() + " " + namespace + "/" + name;
  }
}
