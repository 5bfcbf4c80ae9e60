package io.clipserve.server.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The model directories of a repository: sub-directories whose names are valid model names. */
public final class ModelDirectories {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDirectories.class);

  private ModelDirectories() {}

  /** Model names present in {@code repository}, sorted; other directories are logged and skipped. */
  public static List<String> list(Path repository) throws IOException {
    try (Stream<Path> dirs = Files.list(repository)) {
      return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted()
          .filter(name -> {
            if (!ModelNames.isValid(name) && !name.startsWith(".")) {
              LOG.warn("ignoring {}: model directory names match [a-z0-9][a-z0-9._-]{{0,63}}",
                  name);
            }
            return ModelNames.isValid(name);
          }).toList();
    }
  }
}
