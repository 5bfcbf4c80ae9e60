package io.clipserve.server.preprocess.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JSON file that will be handed to native code, refusing in Java what the native parser
 * might not refuse safely: the Rust {@code tokenizers} library inside DJL panics, and the panic
 * aborts the JVM, on some malformed files (an unterminated string holding control characters and
 * invalid UTF-8 was one, found by fuzzing). The text returned is exactly the text checked, so the
 * native side never sees bytes that were not validated.
 *
 * <p>Refused, as an {@link IOException} naming the file and the line and column: a file larger
 * than {@link #MAX_BYTES}, bytes that are not UTF-8, anything that is not one strict JSON value
 * (control characters in strings, comments, trailing commas or content), a duplicate key, and a
 * {@code \\u} escape that leaves a surrogate unpaired. Stateless and thread-safe.
 */
final class StrictJsonFile {

  /** The largest file read; real tokenizer.json files are below 20 MiB. */
  static final int MAX_BYTES = 256 << 20;

  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private StrictJsonFile() {}

  /** Returns the file's text once it has passed every check above. */
  static String read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IOException(file + " is " + size + " bytes, over the " + MAX_BYTES
          + "-byte limit for a JSON file");
    }
    String text = utf8(file, Files.readAllBytes(file));
    try (JsonParser parser = STRICT.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new IOException(file + " is empty, not JSON");
      }
      for (JsonToken token = parser.currentToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
          requirePairedSurrogates(file, parser);
        }
        if (parser.getParsingContext().inRoot()) { // the root value is complete
          break;
        }
      }
      if (parser.nextToken() != null) {
        throw failure(file, parser.currentLocation(), "content after the JSON value");
      }
    } catch (JsonParseException e) {
      throw failure(file, e.getLocation(), e.getOriginalMessage());
    }
    return text;
  }

  private static String utf8(Path file, byte[] bytes) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    var result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new IOException(file + " is not UTF-8: invalid byte at offset " + in.position());
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static void requirePairedSurrogates(Path file, JsonParser parser) throws IOException {
    String value = parser.getText();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw failure(file, parser.currentTokenLocation(), "a \\u escape leaves surrogate U+"
            + Integer.toHexString(c).toUpperCase() + " unpaired");
      }
    }
  }

  private static IOException failure(Path file, JsonLocation at, String what) {
    return new IOException(file + " is not strict JSON at line " + at.getLineNr() + ", column "
        + at.getColumnNr() + ": " + what);
  }
}
