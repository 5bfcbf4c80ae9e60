package io.clipserve.server.repository;

import io.clipserve.server.config.ServerSettings;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the repository's files may come from: every model directory, version directory, config,
 * encoder and tokenizer file must resolve, symlinks followed, to a real path inside the
 * repository's real path. A symlink inside the repository that points inside it (a tokenizer
 * shared by two models, a version directory renamed by a link) is allowed; one that leaves it is
 * refused before anything is opened. Also turns paths into the repository-relative form that
 * reasons, logs and gRPC messages show. Immutable and thread-safe.
 *
 * <p>The check runs each time a file is about to be read, so a link replaced later is caught at
 * the next read; whoever can write into the repository between the check and the read can still
 * race it, as with any path-based check: the repository is writable by operators only.
 */
public final class RepositoryFiles {
  private final Path root;
  private final long maxConfigBytes;

  /**
   * @param root the repository directory
   * @param maxConfigBytes larger {@code config.pbtxt} files are refused unread
   */
  public RepositoryFiles(Path root, long maxConfigBytes) {
    this.root = root.toAbsolutePath().normalize();
    this.maxConfigBytes = maxConfigBytes;
  }

  /** The repository and limits of {@code settings}. */
  public static RepositoryFiles of(ServerSettings settings) {
    return new RepositoryFiles(settings.getModelRepository(),
        settings.getRepository().getMaxConfigBytes());
  }

  /** The repository directory, absolute and normalised (not resolved: links kept). */
  public Path root() {
    return root;
  }

  /** Larger configs are refused unread ({@code clipserve.repository.max-config-bytes}). */
  public long maxConfigBytes() {
    return maxConfigBytes;
  }

  /**
   * Throws when {@code file} exists and resolves outside the repository. A missing file passes:
   * the reader that needs it reports it missing.
   */
  public void requireInside(Path file) throws OutsideRepositoryException {
    try {
      realPath(file);
    } catch (OutsideRepositoryException e) {
      throw e;
    } catch (IOException e) {
      // Missing or unreadable: the caller's own read reports it.
    }
  }

  /**
   * The real path of {@code file}, checked to lie inside the repository.
   *
   * @throws OutsideRepositoryException it resolves outside the repository
   * @throws IOException it does not exist or cannot be resolved
   */
  public Path realPath(Path file) throws IOException {
    Path real = file.toRealPath();
    if (!real.startsWith(realRoot())) {
      throw outside(file);
    }
    return real;
  }

  /** {@code path} as reasons and logs show it: relative to the repository when inside it. */
  public String relative(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    if (absolute.startsWith(root) && !absolute.equals(root)) {
      return root.relativize(absolute).toString();
    }
    Path name = absolute.getFileName();
    return name == null ? "" : name.toString();
  }

  /**
   * {@code message} with the repository's absolute path (as configured and as resolved) cut out,
   * for messages built by libraries (ONNX Runtime, the JDK) that name files absolutely.
   */
  public String withRelativePaths(String message) {
    if (message == null) {
      return "";
    }
    String out = message.replace(root + "/", "");
    try {
      out = out.replace(realRoot() + "/", "");
    } catch (IOException e) {
      // The repository is gone: only the configured form can appear.
    }
    return out;
  }

  private Path realRoot() throws IOException {
    return root.toRealPath();
  }

  private OutsideRepositoryException outside(Path file) {
    return new OutsideRepositoryException(relative(file)
        + ": resolves outside the model repository; symlinks may point only inside it");
  }
}
