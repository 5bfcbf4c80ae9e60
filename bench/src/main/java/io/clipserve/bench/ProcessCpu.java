package io.clipserve.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a local process has used (all its threads, user and system), from
 * {@code /proc/PID/stat} on Linux. Lets {@code bench --server-pid} put the served throughput per
 * CPU second next to the baseline's, a ratio other tenants of a shared machine disturb far less
 * than wall time. Immutable.
 */
public final class ProcessCpu {
  /** USER_HZ: Linux reports process times in these ticks on every architecture it ships for. */
  private static final double TICKS_PER_SECOND = 100;

  private final Path stat;

  public ProcessCpu(long pid) {
    this.stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.isReadable(stat)) {
      throw new IllegalArgumentException(
          "no process " + pid + " to read the CPU time of (" + stat + ")");
    }
  }

  /** CPU seconds used so far. */
  public double seconds() {
    try {
      String line = Files.readString(stat);
      // The command name may hold spaces; the fields after its closing parenthesis are fixed.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + stat + ": " + e, e);
    }
  }
}
