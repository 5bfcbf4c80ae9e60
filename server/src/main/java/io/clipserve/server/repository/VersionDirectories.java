package io.clipserve.server.repository;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The version directories of a model: sub-directories named by a positive integer without a
 * leading zero. Anything else ({@code 2.tmp}, {@code 03}, {@code staging}) is ignored, so an
 * operator can copy a version under another name and rename it when complete.
 */
public final class VersionDirectories {
  private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

  private VersionDirectories() {}

  /** Versions present under {@code modelDir}, ascending. */
  public static SortedSet<Long> list(Path modelDir) throws IOException {
    SortedSet<Long> versions = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(modelDir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (VERSION.matcher(name).matches() && Files.isDirectory(entry)) {
          versions.add(Long.parseLong(name));
        }
      }
    }
    return versions;
  }

  /** Whether a directory entry name is a version directory name. */
  public static boolean isVersionName(String name) {
    return VERSION.matcher(name).matches();
  }
}
