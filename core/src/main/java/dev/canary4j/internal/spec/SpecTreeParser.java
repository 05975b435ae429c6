package dev.canary4j.internal.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.canary4j.policy.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one document from a Jackson parser into a {@link SpecTree}, reporting what only the reader
 * can see: duplicate keys, YAML aliases without an anchor, nesting too deep, more than one document.
 */
public final class SpecTreeParser {

  /** Far deeper than any policy; keeps a hostile document from exhausting the stack. */
  public static final int MAX_DEPTH = 64;

  private final JsonParser parser;
  private final Findings findings;
  private final Map<Object, SpecTree> anchors = new HashMap<>();

  private SpecTreeParser(JsonParser parser, Findings findings) {
    this.parser = parser;
    this.findings = findings;
  }

  /**
   * The document's root, or {@code null} for an empty document; {@code document} names what it holds.
   *
   * @throws IOException when the text is not well-formed (Jackson's exception, with its location)
   */
  public static SpecTree parse(JsonParser parser, Findings findings, String document) throws IOException {
    SpecTreeParser reader = new SpecTreeParser(parser, findings);
    if (parser.nextToken() == null) {
      return null;
    }
    SpecTree root = reader.value("", 0);
    if (parser.nextToken() != null) {
      findings.add(new Violation(Findings.DOCUMENT, "must hold one " + document + ", but a second document starts at "
          + location(parser.currentTokenLocation()), null));
    }
    return root;
  }

  private SpecTree value(String path, int depth) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    // A YAML anchor (&name) on a mapping or list is exposed as its object id; Jackson hides those on scalars.
    Object anchor = parser.canReadObjectId() ? parser.getObjectId() : null;
    SpecTree value;
    if (depth > MAX_DEPTH && parser.currentToken().isStructStart()) {
      findings.add(new Violation(path.isEmpty() ? Findings.DOCUMENT : path,
          "must not nest deeper than " + MAX_DEPTH + " levels", null));
      parser.skipChildren();
      value = new SpecTree.Scalar(SpecTree.Scalar.Kind.NULL, "null", line, column);
    } else if (parser.currentToken() == JsonToken.START_OBJECT) {
      value = mapping(path, depth, line, column);
    } else if (parser.currentToken() == JsonToken.START_ARRAY) {
      List<SpecTree> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(value(path + "[" + items.size() + "]", depth + 1));
      }
      value = new SpecTree.Sequence(List.copyOf(items), line, column);
    } else {
      value = scalarOrAlias(path, line, column);
    }
    if (anchor != null) {
      anchors.put(anchor, value);
    }
    return value;
  }

  private SpecTree mapping(String path, int depth, int line, int column) throws IOException {
    Map<String, SpecTree> entries = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String keyLocation = location(parser.currentTokenLocation());
      parser.nextToken();
      String childPath = path.isEmpty() ? key : path + "." + key;
      SpecTree child = value(childPath, depth + 1);
      if (entries.containsKey(key)) {
        findings.addBeside(new Violation(childPath, "must appear only once, but appears again at " + keyLocation, null));
      } else {
        entries.put(key, child);
      }
    }
    return new SpecTree.Mapping(Collections.unmodifiableMap(entries), line, column);
  }

  private SpecTree scalarOrAlias(String path, int line, int column) throws IOException {
    if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
      SpecTree anchored = anchors.get(parser.getText());
      if (anchored == null) {
        findings.add(new Violation(path.isEmpty() ? Findings.DOCUMENT : path,
            "must refer to the anchor of a mapping or list defined before it (anchors on single values are not supported)",
            "*" + parser.getText()));
        return new SpecTree.Scalar(SpecTree.Scalar.Kind.NULL, "null", line, column);
      }
      return anchored;
    }
    SpecTree.Scalar.Kind kind = switch (parser.currentToken()) {
      case VALUE_NUMBER_INT -> SpecTree.Scalar.Kind.INTEGER;
      case VALUE_NUMBER_FLOAT -> SpecTree.Scalar.Kind.DECIMAL;
      case VALUE_TRUE, VALUE_FALSE -> SpecTree.Scalar.Kind.BOOLEAN;
      case VALUE_NULL -> SpecTree.Scalar.Kind.NULL;
      default -> SpecTree.Scalar.Kind.STRING;
    };
    return new SpecTree.Scalar(kind, parser.getText(), line, column);
  }

  public static String location(JsonLocation at) {
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }
}
