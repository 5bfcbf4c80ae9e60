package io.clipserve.server.repository;

import com.google.protobuf.TextFormat;
import io.clipserve.proto.v1.ModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a model directory's {@code config.pbtxt}: protobuf text format, then defaults
 * ({@link ModelConfigDefaults}), then checks ({@link ModelConfigValidator}). The model directory
 * and the file must resolve inside the repository ({@link RepositoryFiles}), and a file larger
 * than {@code clipserve.repository.max-config-bytes} is refused unread. A file is parsed again
 * only when its {@link ConfigFingerprint} changed, so polling an unchanged (or broken) config
 * costs a few {@code stat} calls; the checks, which look at other files, run on every read.
 * Thread-safe: remembers one parse per model directory.
 */
public final class ModelConfigReader {
  public static final String CONFIG_FILE = "config.pbtxt";

  private final RepositoryFiles files;
  private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();

  /** The outcome of parsing one version of a file: a config with defaults, or why not. */
  private record Parsed(ConfigFingerprint fingerprint, ModelConfig config, ConfigException error) {}

  public ModelConfigReader(RepositoryFiles files) {
    this.files = files;
  }

  /**
   * The config of {@code modelDir} (a directory of the repository), defaults filled in, or why it
   * cannot be used.
   */
  public ModelConfig read(Path modelDir) throws ConfigException {
    Path file = modelDir.resolve(CONFIG_FILE);
    String shown = files.relative(file);
    ConfigFingerprint fingerprint;
    try {
      files.realPath(modelDir);
      fingerprint = ConfigFingerprint.of(files.realPath(file));
    } catch (OutsideRepositoryException e) {
      throw new ConfigException(e);
    } catch (NoSuchFileException e) {
      throw new ConfigException(shown, "", "missing");
    } catch (IOException e) {
      throw unreadable(shown, e);
    }
    Parsed last = parsed.get(modelDir);
    if (last == null || !last.fingerprint().equals(fingerprint)) {
      last = parse(fingerprint, shown);
      parsed.put(modelDir, last);
    }
    if (last.error() != null) {
      throw last.error();
    }
    ModelConfigValidator.validate(last.config(), modelDir, shown, files);
    return last.config();
  }

  /** Forgets the parse of a model directory that left the repository. */
  public void forget(Path modelDir) {
    parsed.remove(modelDir);
  }

  private Parsed parse(ConfigFingerprint fingerprint, String shown) {
    try {
      String text = text(fingerprint, shown);
      ModelConfig.Builder builder = ModelConfig.newBuilder();
      try {
        TextFormat.getParser().merge(text, builder);
      } catch (TextFormat.ParseException e) {
        throw new ConfigException(shown, "",
            "not valid protobuf text format of clipserve.v1.ModelConfig: " + e.getMessage());
      }
      return new Parsed(fingerprint, ModelConfigDefaults.apply(builder.build()), null);
    } catch (ConfigException e) {
      return new Parsed(fingerprint, null, e);
    }
  }

  /** The file's text; at most the size limit is read, whatever the file grew to since its stat. */
  private String text(ConfigFingerprint fingerprint, String shown) throws ConfigException {
    long limit = files.maxConfigBytes();
    if (fingerprint.size() > limit) {
      throw tooLarge(shown, fingerprint.size() + " bytes", limit);
    }
    Path real = fingerprint.realPath();
    if (!Files.isRegularFile(real)) {
      throw new ConfigException(shown, "", "is not a regular file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(real)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    } catch (IOException e) {
      throw unreadable(shown, e);
    }
    if (bytes.length > limit) {
      throw tooLarge(shown, "grew to more than " + limit + " bytes while read", limit);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(shown, "", "is not valid UTF-8");
    }
  }

  private ConfigException unreadable(String shown, IOException e) {
    return new ConfigException(shown, "",
        "cannot be read: " + files.withRelativePaths(e.toString()));
  }

  private static ConfigException tooLarge(String shown, String size, long limit) {
    return new ConfigException(shown, "", "is " + size
        + ", over clipserve.repository.max-config-bytes (" + limit + "); not parsed");
  }
}
