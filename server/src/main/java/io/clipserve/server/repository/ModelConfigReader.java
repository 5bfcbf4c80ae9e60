package io.clipserve.server.repository;

import com.google.protobuf.TextFormat;
import io.clipserve.proto.v1.ModelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a model directory's {@code config.pbtxt}: protobuf text format, then defaults
 * ({@link ModelConfigDefaults}), then checks ({@link ModelConfigValidator}). Stateless.
 */
public final class ModelConfigReader {
  public static final String CONFIG_FILE = "config.pbtxt";

  private ModelConfigReader() {}

  /** The config of {@code modelDir}, defaults filled in, or why it cannot be used. */
  public static ModelConfig read(Path modelDir) throws ConfigException {
    Path file = modelDir.resolve(CONFIG_FILE);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, "", "missing");
    } catch (IOException e) {
      throw new ConfigException(file, "", "cannot be read: " + e.getMessage());
    }
    ModelConfig.Builder parsed = ModelConfig.newBuilder();
    try {
      TextFormat.getParser().merge(text, parsed);
    } catch (TextFormat.ParseException e) {
      throw new ConfigException(file, "", "not valid protobuf text format of clipserve.v1.ModelConfig: "
          + e.getMessage());
    }
    ModelConfig config = ModelConfigDefaults.apply(parsed.build());
    ModelConfigValidator.validate(config, modelDir, file);
    return config;
  }
}
