package io.clipserve.server.security;

import io.clipserve.server.DaemonThreads;
import io.clipserve.server.config.ServerSettings;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS identity and, for mutual TLS, the client CA: read from the PEM files of
 * {@code --tls-cert-file}, {@code --tls-key-file} and {@code --tls-client-ca-file} at start-up,
 * then checked every {@code clipserve.tls.reload-interval} and re-read when a file's modification
 * time changed, so a renewed certificate needs no restart (grpc-java's AdvancedTls managers hold
 * them; their own file watching allows no period under a minute). Both ports use the same
 * managers. A re-read that fails is logged once per change and the previous material stays.
 * Owns the reload thread, stopped at shutdown. The managers are thread-safe.
 */
@Singleton
public final class TlsMaterial {
  private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);

  private final ServerSettings.Tls tls;
  private final AdvancedTlsX509KeyManager identity;
  private final AdvancedTlsX509TrustManager clients;
  private final ScheduledExecutorService reloader;
  /** Modification times of the files as last read; touched only by the reload thread. */
  private List<Long> readStamps;

  /** @throws UncheckedIOException naming the flags whose files cannot be read or used */
  public TlsMaterial(ServerSettings settings) {
    tls = settings.getTls();
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
    identity = new AdvancedTlsX509KeyManager();
    try {
      clients = tls.getClientCaFile() == null ? null : AdvancedTlsX509TrustManager.newBuilder()
          .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
          .build();
      readStamps = stamps();
      read();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new UncheckedIOException(new IOException(unusable(e)));
    }
    long period = Math.max(1, tls.getReloadInterval().toSeconds());
    reloader = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("tls-reload"));
    reloader.scheduleWithFixedDelay(this::reloadIfChanged, period, period, TimeUnit.SECONDS);
  }

  /** The server certificate and key; empty: TLS is off (plaintext). */
  public Optional<X509ExtendedKeyManager> identity() {
    return Optional.ofNullable(identity);
  }

  /** Trust for client certificates; present: mutual TLS, a client certificate is required. */
  public Optional<X509ExtendedTrustManager> clientTrust() {
    return Optional.ofNullable(clients);
  }

  private void read() throws IOException, GeneralSecurityException {
    identity.updateIdentityCredentials(tls.getCertFile().toFile(), tls.getKeyFile().toFile());
    if (clients != null) {
      clients.updateTrustCredentials(tls.getClientCaFile().toFile());
    }
  }

  private void reloadIfChanged() {
    List<Long> now = stamps();
    if (now.equals(readStamps)) {
      return;
    }
    // Recorded before reading: a failed read is logged once, and retried at the next change.
    readStamps = now;
    try {
      read();
      LOG.info("TLS files re-read: {}", files());
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.warn("{}; the previous certificate stays in use", unusable(e));
    }
  }

  private List<Long> stamps() {
    List<Long> stamps = new ArrayList<>();
    stamps.add(tls.getCertFile().toFile().lastModified());
    stamps.add(tls.getKeyFile().toFile().lastModified());
    if (tls.getClientCaFile() != null) {
      stamps.add(tls.getClientCaFile().toFile().lastModified());
    }
    return stamps;
  }

  private String unusable(Exception e) {
    return "TLS files unusable (" + files() + "): " + e.getMessage();
  }

  private String files() {
    return "--tls-cert-file " + tls.getCertFile() + ", --tls-key-file " + tls.getKeyFile()
        + (tls.getClientCaFile() == null ? "" : ", --tls-client-ca-file " + tls.getClientCaFile());
  }

  @PreDestroy
  public void close() {
    if (reloader != null) {
      reloader.shutdownNow();
    }
  }
}
