package dev.canary4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes every command of the command line shares, documented once here and in each help text. */
final class ExitCode {

  /** The canary passed, or was promoted; the files are valid. */
  static final int PASS = 0;
  /** The canary failed, or was (or would have been) rolled back. */
  static final int FAIL = 1;
  /** Invalid input: a bad option, a missing or invalid file. Every problem is printed. */
  static final int INVALID = 2;
  /** Inconclusive or undecided: no data, a provider error, or no decision within the run. */
  static final int UNDECIDED = 3;
  /** An unexpected failure (a bug): its stack trace is printed. */
  static final int UNEXPECTED = 4;

  private ExitCode() {}

  /** The codes with their meaning, for the help texts. */
  static Map<String, String> descriptions() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(Integer.toString(PASS), "pass / promoted / valid");
    codes.put(Integer.toString(FAIL), "fail / rolled back");
    codes.put(Integer.toString(INVALID), "invalid input (every problem is printed)");
    codes.put(Integer.toString(UNDECIDED), "inconclusive / undecided (no data, provider error, no decision)");
    codes.put(Integer.toString(UNEXPECTED), "unexpected failure (a bug; the trace is printed)");
    return codes;
  }
}
