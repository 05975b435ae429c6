package dev.canary4j.spi;

import dev.canary4j.internal.Texts;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes remote text safe to put in an exception message: short, escaped, and without secrets.
 *
 * <p>Adapters quote what a server answered (an error page, a status message) and where they sent
 * the request. Both can carry secrets: a proxy's error page may echo the request's headers, and a
 * URL may hold a user's password or an {@code access_token} parameter. {@link #excerpt} removes the
 * values the adapter knows to be secret, every header line or parameter whose name suggests a
 * credential ({@code Authorization}, {@code Cookie}, {@code *token*}, {@code *password*},
 * {@code *secret*}, {@code *key*}, ...), and the words after {@code Bearer} and {@code Basic};
 * it escapes control characters and caps the length. {@link #url} drops user info and the query
 * string. Stateless and thread-safe.
 */
public final class ErrorText {

  /** What a removed secret is replaced with. */
  public static final String REDACTED = "<redacted>";
  /** Default length of an excerpt, in characters. */
  public static final int DEFAULT_EXCERPT = 200;

  // A name that suggests a credential, followed by ':' or '=' and the value up to the end of the
  // line (headers) or to the next separator (query strings, JSON, cookies).
  private static final Pattern NAMED_SECRET = Pattern.compile(
      "(?i)((?:proxy-)?authorization|(?:set-)?cookie|[\\w.-]*(?:token|passw(?:or)?d|pwd|secret|api[_-]?key|credential|session)[\\w.-]*)"
          + "(\"?\\s{0,8}[:=]\\s{0,8}\"?)([^\\r\\n\"&,;<>]*)");
  private static final Pattern SCHEME_CREDENTIAL = Pattern.compile("(?i)\\b(bearer|basic|token)(\\s{1,8})[A-Za-z0-9._~+/=-]+");
  private static final Pattern URL_USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]{0,20}://)[^/@\\s]*@");
  private static final int SHORTEST_SECRET = 4;

  private ErrorText() {}

  /**
   * {@code text}, redacted, escaped and cut to {@value #DEFAULT_EXCERPT} characters.
   *
   * @param text the text to show, e.g. an error body; {@code null} gives an empty excerpt
   * @param secrets values that must not appear (tokens, passwords); possibly empty
   * @return a single-line excerpt safe to put in a message
   */
  public static String excerpt(String text, Collection<String> secrets) {
    return excerpt(text, DEFAULT_EXCERPT, secrets);
  }

  /**
   * {@code text} with every value in {@code secrets} and every credential-looking value replaced by
   * {@value #REDACTED}, control characters escaped, and cut to {@code maxChars} characters (with a
   * note of how many were left out). A secret cut off at the end of {@code text} (because only its
   * beginning was read) is removed as well.
   *
   * @param text the text to show, e.g. an error body; {@code null} gives an empty excerpt
   * @param maxChars the longest excerpt, in characters
   * @param secrets values that must not appear (tokens, passwords); possibly empty
   * @return a single-line excerpt safe to put in a message
   */
  public static String excerpt(String text, int maxChars, Collection<String> secrets) {
    if (text == null) {
      return "";
    }
    // Only the head is searched, which bounds the work whatever the caller read.
    int head = (int) Math.min(text.length(), 4L * maxChars + 256);
    String shown = escape(redact(text.substring(0, head), secrets));
    if (head == text.length() && shown.length() <= maxChars) {
      return shown;
    }
    return cut(shown, maxChars) + "...(cut from " + text.length() + " characters)";
  }

  /**
   * {@code text} with the values in {@code secrets} and every credential-looking value replaced by
   * {@value #REDACTED}.
   *
   * @param text the text to redact
   * @param secrets values that must not appear; possibly empty
   * @return the text with those values replaced
   */
  public static String redact(String text, Collection<String> secrets) {
    String out = text;
    if (secrets != null) {
      for (String secret : secrets) {
        if (secret != null && secret.length() >= SHORTEST_SECRET) {
          out = out.replace(secret, REDACTED);
          out = redactCutOff(out, secret);
        }
      }
    }
    out = URL_USER_INFO.matcher(out).replaceAll("$1" + REDACTED + "@");
    out = NAMED_SECRET.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
        m.group(3).isBlank() ? m.group() : m.group(1) + m.group(2) + REDACTED));
    out = SCHEME_CREDENTIAL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + REDACTED));
    return out;
  }

  private static String redactCutOff(String text, String secret) {
    for (int len = Math.min(secret.length() - 1, text.length()); len >= SHORTEST_SECRET; len--) {
      if (text.endsWith(secret.substring(0, len))) {
        return text.substring(0, text.length() - len) + REDACTED;
      }
    }
    return text;
  }

  /**
   * {@code text} with line breaks, tabs and other control characters written as escapes ({@code \n},
   * {@code \u0000}).
   *
   * @param text the text to escape
   * @return the text on one line
   */
  public static String escape(String text) {
    return Texts.escape(text);
  }

  /**
   * {@code text} cut to {@code maxChars} characters, with a note of how many were left out.
   *
   * @param text the text to cut
   * @param maxChars the most characters kept
   * @return {@code text} itself when it is short enough, else its start and the note
   */
  public static String cap(String text, int maxChars) {
    return Texts.cap(text, maxChars);
  }

  private static String cut(String text, int maxChars) {
    return Texts.cut(text, maxChars);
  }

  /**
   * {@code url} as it may be shown: without user info, and with a query string replaced by
   * {@code ?<redacted>} (query parameters often carry tokens). Not a URL parser: it only removes parts.
   *
   * @param url the URL as configured
   * @return the URL without credentials or query values
   */
  public static String url(String url) {
    if (url == null) {
      return "null";
    }
    String out = URL_USER_INFO.matcher(url).replaceFirst("$1");
    int query = out.indexOf('?');
    int fragment = out.indexOf('#');
    int cut = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
    if (cut >= 0) {
      out = out.substring(0, cut) + (query >= 0 ? "?" + REDACTED : "");
    }
    return escape(cap(out, 300));
  }
}
