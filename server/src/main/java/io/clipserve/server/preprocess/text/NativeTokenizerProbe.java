package io.clipserve.server.preprocess.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Loads a tokenizer.json in a child JVM before the server loads it in its own: a panic in the
 * Rust {@code tokenizers} library aborts the process that runs it (a file whose post-processor
 * template gives a special token more ids than tokens loads, then panics on the first encode),
 * and no Java check can foresee every such file. The child loads the exact text the server will
 * load and encodes {@link #TEXTS}; if it dies, the file is refused with the child's last error
 * line and the server lives on.
 *
 * <p>A passing text is remembered by SHA-256 with its context length and pad id, so a file is
 * probed once per server process (reloads and new versions of an unchanged file cost nothing).
 * Any thread may call {@link #requireSafe}; it blocks for up to {@link #TIME_LIMIT_SECONDS}.
 */
final class NativeTokenizerProbe {

  /** How long the child may take to start, load and encode before the file is refused. */
  static final int TIME_LIMIT_SECONDS = 60;

  /** Texts every file must encode: plain, CJK, special-token look-alikes, longer than a context. */
  static final List<String> TEXTS = List.of("", "a photo of a cat", "一只猫坐在垫子上",
      "Ça café 😀 <s></s><|endoftext|>[CLS]\u0000", "x ".repeat(600));

  private static final int STDERR_KEPT = 8192;
  private static final Set<String> PASSED = ConcurrentHashMap.newKeySet();

  private NativeTokenizerProbe() {}

  /**
   * Returns when a child JVM loaded {@code json} and encoded every probe text; throws when it
   * crashed, failed or overran the time limit.
   *
   * @param origin the file the text came from, for the error message
   */
  static void requireSafe(String json, Path origin, int contextLength, long padId)
      throws IOException {
    String key = sha256(json) + "/" + contextLength + "/" + padId;
    if (PASSED.contains(key)) {
      return;
    }
    ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx512m",
        "-XX:TieredStopAtLevel=1", "-XX:-CreateCoredumpOnCrash", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        NativeTokenizerProbe.class.getName(), Integer.toString(contextLength),
        Long.toString(padId))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("RUST_BACKTRACE", "0"); // one panic line, not a backtrace
    builder.environment().putIfAbsent("DJL_OFFLINE", "true");
    Process child = builder.start();
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> tail(child));
    try (OutputStream in = child.getOutputStream()) {
      in.write(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The child died before reading everything; its exit status below says why.
    }
    try {
      if (!child.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new IOException("cannot load tokenizer " + origin + ": the native tokenizers library"
            + " did not load it and encode " + TEXTS.size() + " texts within the "
            + TIME_LIMIT_SECONDS + " s limit");
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking tokenizer " + origin, e);
    }
    if (child.exitValue() != 0) {
      throw new IOException("cannot load tokenizer " + origin + ": it crashes the native tokenizers"
          + " library (a test load in a separate process exited with status " + child.exitValue()
          + "): " + reason(stderr.join()));
    }
    PASSED.add(key);
  }

  /** The child: reads the tokenizer.json text on stdin, loads it and encodes {@link #TEXTS}. */
  public static void main(String[] args) throws IOException {
    String json = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    try (TextTokenizer tokenizer = HfTextTokenizer.open(json, Path.of("stdin"),
        Integer.parseInt(args[0]), Long.parseLong(args[1]))) {
      for (String text : TEXTS) {
        tokenizer.tokenize(text);
      }
    } catch (IOException e) { // a refusal, not a crash: the parent's own load reports it
      System.exit(0);
    }
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String tail(Process child) {
    try (InputStream err = child.getErrorStream()) {
      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int n; (n = err.read(buffer)) > 0; ) {
        kept.write(buffer, 0, n);
        if (kept.size() > 2 * STDERR_KEPT) {
          byte[] last = kept.toByteArray();
          kept.reset();
          kept.write(last, last.length - STDERR_KEPT, STDERR_KEPT);
        }
      }
      return kept.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Rust panic message ("... panicked at src/...: reason") when there is one. */
  private static String reason(String stderr) {
    List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
    for (String line : lines) {
      if (line.contains("panicked")) {
        return line.strip();
      }
    }
    return lines.isEmpty() ? "no error output" : lines.get(lines.size() - 1).strip();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
