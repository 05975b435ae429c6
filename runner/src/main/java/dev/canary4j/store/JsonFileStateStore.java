package dev.canary4j.store;

import dev.canary4j.CanaryState;
import dev.canary4j.spec.StateCodec;
import dev.canary4j.spec.StateFormatException;
import dev.canary4j.spi.StaleStateException;
import dev.canary4j.spi.StateStore;
import dev.canary4j.spi.StoredState;
import dev.canary4j.spi.TransientAdapterException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link StateStore} keeping one JSON file per canary in a directory. Thread-safe, and safe across
 * processes sharing the directory.
 *
 * <p>A file holds a header line with the generation ({@code canary4j-state generation=7}), the
 * store's version, and then the state as {@link StateCodec} writes it. A save writes a temporary file
 * in the same directory, forces it to disk, and renames it over the old one atomically, so a reader
 * sees the old or the new state and never a torn one. The compare-and-set check and the rename happen
 * under an OS file lock on {@code <file>.lock} (and a lock per file within this process, keyed by
 * the directory's real path, so that stores reaching one directory through a symbolic link share
 * it). A save also removes temporary files that a process killed mid-save left behind. A file that
 * cannot be read back (not UTF-8, a malformed header or a generation of more than 18 digits, bad
 * JSON) is reported as {@link CorruptStateException} and never overwritten.
 */
public final class JsonFileStateStore implements StateStore {

  /** OS file locks are held per process, so threads of this process (and other instances) queue here first. */
  private static final Map<Path, Object> PROCESS_LOCKS = new ConcurrentHashMap<>();
  private static final Pattern HEADER = Pattern.compile("canary4j-state generation=(\\d{1,18})");
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path directory;
  /** The directory with symbolic links resolved: two stores reaching it by different paths share its locks. */
  private final Path realDirectory;

  /**
   * A store in {@code directory}, which is created if missing.
   *
   * @param directory the directory holding one JSON file per canary
   */
  public JsonFileStateStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
    try {
      Files.createDirectories(directory);
      this.realDirectory = directory.toRealPath();
    } catch (IOException e) {
      throw new TransientAdapterException("Cannot create the state directory " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file that holds canary {@code canaryId}'s state.
   *
   * @param canaryId the canary's id, {@code namespace/name}
   * @return the file's path inside the store's directory; it may not exist yet
   */
  public Path fileOf(String canaryId) {
    return directory.resolve(URLEncoder.encode(canaryId, StandardCharsets.UTF_8) + ".json");
  }

  @Override
  public Optional<StoredState> load(String canaryId) {
    Path file = fileOf(canaryId);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new TransientAdapterException("Cannot read state file " + file + ": " + e.getMessage(), e);
    }
    return Optional.of(parse(file, decode(file, bytes)));
  }

  @Override
  public String save(String canaryId, CanaryState state, String expectedVersion) {
    Objects.requireNonNull(state, "state");
    Path file = fileOf(canaryId);
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    Path lockKey = realDirectory.resolve(lockFile.getFileName());
    synchronized (PROCESS_LOCKS.computeIfAbsent(lockKey, p -> new Object())) {
      try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = lockChannel.lock(); // Released when the channel closes.
        assert lock.isValid();
        removeTemporaryFiles(file);
        String actual = load(canaryId).map(StoredState::version).orElse(null);
        if (!Objects.equals(actual, expectedVersion)) {
          throw new StaleStateException(canaryId, expectedVersion, actual);
        }
        long generation = actual == null ? 1 : Long.parseLong(actual) + 1;
        write(file, "canary4j-state generation=" + generation + "\n" + StateCodec.toJson(state) + "\n");
        return String.valueOf(generation);
      } catch (IOException e) {
        throw new TransientAdapterException("Cannot write state file " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** The file's text; bytes that are not UTF-8 make it corrupt, since no retry will read them differently. */
  private static String decode(Path file, byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return decoder.decode(in).toString();
    } catch (CharacterCodingException e) {
      throw new CorruptStateException(file, "not UTF-8: a malformed byte sequence at or after byte offset "
          + in.position(), e);
    }
  }

  /**
   * Deletes the temporary files that a save of {@code file} left when its process died before the
   * rename. Called under the file's lock, which every save holds while its temporary file exists.
   */
  private void removeTemporaryFiles(Path file) throws IOException {
    // Exactly the names Files.createTempFile gives: another canary's file may share the prefix.
    Pattern temporary = Pattern.compile(Pattern.quote(file.getFileName().toString()) + "-?\\d+" + Pattern.quote(TEMP_SUFFIX));
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory,
        p -> temporary.matcher(p.getFileName().toString()).matches())) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static StoredState parse(Path file, String text) {
    int newline = text.indexOf('\n');
    Matcher header = HEADER.matcher(newline < 0 ? text : text.substring(0, newline));
    if (newline < 0 || !header.matches()) {
      String first = newline < 0 ? text : text.substring(0, newline);
      throw new CorruptStateException(file, "expected the header 'canary4j-state generation=<n>' on line 1 but found '"
          + (first.length() > 80 ? first.substring(0, 80) + "..." : first) + "' (n has 1 to 18 digits)", null);
    }
    try {
      return new StoredState(StateCodec.fromJson(text.substring(newline + 1)), header.group(1));
    } catch (StateFormatException e) {
      throw new CorruptStateException(file, "line " + (e.line() + 1) + ", column " + e.column() + ": "
          + e.getMessage(), e);
    }
  }

  private void write(Path file, String content) throws IOException {
    Path temp = Files.createTempFile(directory, file.getFileName().toString(), TEMP_SUFFIX);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + directory + " cannot rename atomically", e);
      }
      forceDirectory();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Makes the rename itself durable; some platforms cannot open a directory, and there it is skipped. */
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not supported here (for example on Windows); the rename is still atomic.
    }
  }
}
