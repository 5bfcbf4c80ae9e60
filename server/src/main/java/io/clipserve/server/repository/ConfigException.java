package io.clipserve.server.repository;

/**
 * A {@code config.pbtxt} that cannot be used; the message names the file (relative to the
 * repository) and the field.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String file, String field, String problem) {
    super(file + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
  }

  /** A model directory or config that resolves outside the repository; the cause names it. */
  public ConfigException(OutsideRepositoryException cause) {
    super(cause.getMessage(), cause);
  }
}
