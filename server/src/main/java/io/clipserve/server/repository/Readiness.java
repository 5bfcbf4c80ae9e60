package io.clipserve.server.repository;

/**
 * Whether a version directory can be loaded now, as {@link VersionReadiness} judged it.
 *
 * @param fingerprint the files as they were when judged
 * @param reason why it cannot be loaded yet; empty when complete
 * @param recheckInMillis when a new look may find it complete (0 when complete)
 */
public record Readiness(Kind kind, VersionFingerprint fingerprint, String reason, long recheckInMillis) {

  /** How far a version directory is from loadable. */
  public enum Kind {
    /** Every file named by the config is there and stable (or the READY marker is there). */
    COMPLETE,
    /** Every file is there, but some changed within the stability window. */
    SETTLING,
    /** A file the config names is missing. */
    INCOMPLETE
  }

  public boolean isComplete() {
    return kind == Kind.COMPLETE;
  }
}
