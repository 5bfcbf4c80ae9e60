package io.clipserve.server.security;

/** The outcome of checking a call's bearer token against the role it needs. */
public enum TokenCheck {
  /** No token is needed, or the one presented is accepted for the role. */
  ALLOWED,
  /** A token is needed and none (or no well-formed {@code Bearer} header) was presented. */
  MISSING,
  /** A token was presented but is not one accepted for the role. */
  DENIED
}
