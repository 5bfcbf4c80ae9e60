package io.clipserve.server.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a {@code config.pbtxt} looks like without reading it: its real path, size, modification
 * and status-change times and file identity (device and inode on Linux). An edit in place changes
 * the times, a file renamed over it changes the identity, a retargeted symlink changes the real
 * path; equal fingerprints mean the parse of last time still holds. Immutable.
 */
record ConfigFingerprint(Path realPath, long size, long modifiedNanos, long changedNanos,
    Object key) {

  /** The fingerprint of {@code realPath}, a resolved path. */
  static ConfigFingerprint of(Path realPath) throws IOException {
    BasicFileAttributes basic = Files.readAttributes(realPath, BasicFileAttributes.class);
    long changed = 0;
    try {
      // Status-change time: also moves when an edit restores the modification time.
      Map<String, Object> unix = Files.readAttributes(realPath, "unix:ctime");
      changed = nanos((FileTime) unix.get("ctime"));
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // Not a Unix file system: size, modification time and identity decide.
    }
    return new ConfigFingerprint(realPath, basic.size(), nanos(basic.lastModifiedTime()), changed,
        basic.fileKey());
  }

  private static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }
}
