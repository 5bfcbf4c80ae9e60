package io.clipserve.server.repository;

import java.nio.file.Path;

/** A {@code config.pbtxt} that cannot be used; the message names the file and the field. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(Path file, String field, String problem) {
    super(file + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
  }
}
