package io.clipserve.server.security;

import io.clipserve.server.config.ServerSettings;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The admin and inference tokens, read once at start-up from {@code --admin-token-file} and
 * {@code --inference-token-file} (one token a line, surrounding blanks trimmed, blank lines
 * skipped). Only SHA-256 digests are kept, and a presented token is compared with every one of
 * them in constant time, so neither timing nor a heap dump gives a token away. Tokens are never
 * logged. Immutable after construction; any thread may call.
 *
 * <p>Rules: when admin tokens are configured, {@link Role#ADMIN} needs one of them (without admin
 * tokens, management needs what inference needs). When inference tokens are configured,
 * {@link Role#INFERENCE} needs an inference or an admin token.
 */
@Singleton
public final class AccessTokens {
  private static final String BEARER = "bearer ";

  private final List<byte[]> admin;
  private final List<byte[]> inference;

  public AccessTokens(ServerSettings settings) {
    this.admin = read(settings.getAdminTokenFile(), "--admin-token-file");
    this.inference = read(settings.getInferenceTokenFile(), "--inference-token-file");
  }

  /** Whether any token is configured at all. */
  public boolean enabled() {
    return !admin.isEmpty() || !inference.isEmpty();
  }

  /**
   * Checks an {@code authorization} header value ({@code Bearer <token>}, null when absent)
   * against what {@code role} needs.
   */
  public TokenCheck check(Role role, String authorization) {
    List<byte[]> accepted = new ArrayList<>(admin);
    boolean needed = role == Role.ADMIN ? enabled() : !inference.isEmpty();
    if (role == Role.INFERENCE || admin.isEmpty()) {
      accepted.addAll(inference);
    }
    if (!needed) {
      return TokenCheck.ALLOWED;
    }
    String token = bearerToken(authorization);
    if (token == null) {
      return TokenCheck.MISSING;
    }
    byte[] presented = digest(token);
    boolean match = false;
    for (byte[] candidate : accepted) {
      match |= MessageDigest.isEqual(candidate, presented);
    }
    return match ? TokenCheck.ALLOWED : TokenCheck.DENIED;
  }

  private static String bearerToken(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return null;
    }
    String token = authorization.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }

  private static List<byte[]> read(Path file, String flag) {
    if (file == null) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(flag + " " + file + " cannot be read: " + e, e);
    }
    List<byte[]> digests = lines.stream().map(String::trim).filter(line -> !line.isEmpty())
        .map(AccessTokens::digest).toList();
    if (digests.isEmpty()) {
      throw new IllegalArgumentException(flag + " " + file + " holds no token");
    }
    return digests;
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
