package io.clipserve.server.security;

import io.clipserve.server.DaemonThreads;
import io.clipserve.server.config.ServerSettings;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server's TLS identity and, for mutual TLS, the client CA: read from the PEM files of
 * {@code --tls-cert-file}, {@code --tls-key-file} and {@code --tls-client-ca-file} at start-up
 * and re-read every {@code clipserve.tls.reload-interval} (grpc-java's AdvancedTls managers), so a
 * renewed certificate needs no restart. Both ports use the same managers. Owns the reload thread,
 * stopped at shutdown. The managers are thread-safe.
 */
@Singleton
public final class TlsMaterial {
  private final X509ExtendedKeyManager identity;
  private final X509ExtendedTrustManager clients;
  private final List<Closeable> reloads = new ArrayList<>();
  private final ScheduledExecutorService reloader;

  /** @throws UncheckedIOException naming the flags whose files cannot be read or used */
  public TlsMaterial(ServerSettings settings) {
    ServerSettings.Tls tls = settings.getTls();
    if (!tls.enabled()) {
      if (tls.getKeyFile() != null || tls.getClientCaFile() != null) {
        throw new IllegalArgumentException(
            "--tls-key-file and --tls-client-ca-file need --tls-cert-file");
      }
      identity = null;
      clients = null;
      reloader = null;
      return;
    }
    if (tls.getKeyFile() == null) {
      throw new IllegalArgumentException("--tls-cert-file needs --tls-key-file");
    }
    reloader = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("tls-reload"));
    long period = Math.max(1, tls.getReloadInterval().toSeconds());
    try {
      AdvancedTlsX509KeyManager keys = new AdvancedTlsX509KeyManager();
      reloads.add(keys.updateIdentityCredentials(tls.getCertFile().toFile(),
          tls.getKeyFile().toFile(), period, TimeUnit.SECONDS, reloader)::close);
      identity = keys;
      if (tls.getClientCaFile() == null) {
        clients = null;
      } else {
        AdvancedTlsX509TrustManager trust = AdvancedTlsX509TrustManager.newBuilder()
            .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
            .build();
        reloads.add(trust.updateTrustCredentials(tls.getClientCaFile().toFile(), period,
            TimeUnit.SECONDS, reloader)::close);
        clients = trust;
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      close();
      throw new UncheckedIOException(new IOException("TLS files unusable (--tls-cert-file "
          + name(tls.getCertFile()) + ", --tls-key-file " + name(tls.getKeyFile())
          + ", --tls-client-ca-file " + name(tls.getClientCaFile()) + "): " + e.getMessage(), e));
    }
  }

  /** The server certificate and key; empty: TLS is off (plaintext). */
  public Optional<X509ExtendedKeyManager> identity() {
    return Optional.ofNullable(identity);
  }

  /** Trust for client certificates; present: mutual TLS, a client certificate is required. */
  public Optional<X509ExtendedTrustManager> clientTrust() {
    return Optional.ofNullable(clients);
  }

  private static String name(Path file) {
    return file == null ? "unset" : file.toString();
  }

  @PreDestroy
  public void close() {
    for (Closeable reload : reloads) {
      try {
        reload.close();
      } catch (IOException e) {
        // Closing only cancels the scheduled re-read; nothing is left to undo.
      }
    }
    if (reloader != null) {
      reloader.shutdownNow();
    }
  }
}
