package dev.canary4j.internal.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.canary4j.policy.Violation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reading a document's text and describing why it could not be parsed, the same way for every document kind. */
public final class SpecText {

  private SpecText() {}

  /** A file's text, or the violation that says where it is not UTF-8. */
  public record Decoded(String text, Violation problem) {}

  /**
   * The first character a YAML document may not contain (control characters other than tab and line
   * breaks, lone surrogates, U+FFFE and U+FFFF), reported with its line and column; {@code null} when
   * there is none. SnakeYAML reports these at line 1, column 1 whatever their place.
   */
  public static Violation disallowedCharacter(String text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean surrogatePair = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      boolean allowed = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7E || c == 0x85
          || c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || surrogatePair;
      if (!allowed) {
        return new Violation("line " + line + ", column " + column, String.format(Locale.ROOT,
            "must not contain the character U+%04X (a control character or not a character at all)", (int) c), null);
      }
      if (surrogatePair) {
        i++;
      }
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return null;
  }

  /** Reads {@code file} as UTF-8; a byte sequence that is not UTF-8 is reported with its line and column. */
  public static Decoded readUtf8(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      out.flip();
      int line = 1;
      int column = 1;
      while (out.hasRemaining()) {
        if (out.get() == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      String bad = String.format(Locale.ROOT, "0x%02X", bytes[in.position()] & 0xFF);
      return new Decoded(null, new Violation("line " + line + ", column " + column,
          "is not UTF-8 text: byte " + bad + " at offset " + in.position() + " starts no UTF-8 character"
              + (in.position() < 2 && (bytes[0] & 0xFF) >= 0xFE ? " (a UTF-16 file? save it as UTF-8)" : ""), null));
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    // A byte-order mark says nothing in UTF-8; YAML skips it, JSON parsers do not.
    return new Decoded(text.startsWith("\uFEFF") ? text.substring(1) : text, null);
  }

  /** A parser's complaint as one violation naming the line and column where it stopped. */
  public static Violation malformed(String format, JacksonException e, JsonParser parser) {
    JsonLocation at = e.getLocation();
    if ((at == null || at.getLineNr() < 1) && parser != null) {
      at = parser.currentLocation();
    }
    String where = at == null || at.getLineNr() < 1 ? Findings.DOCUMENT : SpecTreeParser.location(at);
    return new Violation(where, "is not well-formed " + format + ": " + problem(e), null);
  }

  /** The parser's message without the source excerpt SnakeYAML adds to it or the names of Jackson's settings. */
  public static String problem(JacksonException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (e instanceof StreamConstraintsException) {
      // "Document nesting depth (1001) exceeds the maximum allowed (1000, from StreamReadConstraints.getMaxNestingDepth())"
      return message.replaceAll(", from `?[A-Za-z]+\\.[A-Za-z]+\\(\\)`?", "").strip();
    }
    String problem = null;
    String previous = null;
    String context = null;
    for (String line : message.split("\n")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      context = context == null ? line : context;
      previous = problem;
      problem = line;
    }
    if (problem == null) {
      return plain(message.strip());
    }
    if (previous != null && problem.matches("\\(\\d+\\)")) {
      // SnakeYAML ends "but found " with the character's code on a line of its own.
      problem = previous.strip() + " character code " + problem.substring(1, problem.length() - 1);
    }
    return plain(problem.equals(context) ? problem : problem + " (" + context + ")");
  }

  /** The message without the parser's settings, class names and source excerpts, which a policy author cannot act on. */
  private static String plain(String message) {
    if (message.contains("ALLOW_COMMENTS")) {
      return "comments are not allowed in JSON";
    }
    if (message.contains("ALLOW_NON_NUMERIC_NUMBERS")) {
      return "NaN and Infinity are not JSON numbers";
    }
    if (message.contains("<org.yaml.snakeyaml.events.")) {
      return "a key must be a single value, not a list or a mapping";
    }
    return message.replaceAll(":?\\s*enable `[^`]+` to allow", "")
        .replaceAll("\\s*(at )?\\[Source: [^\\]]*\\]", "")
        .strip();
  }
}
