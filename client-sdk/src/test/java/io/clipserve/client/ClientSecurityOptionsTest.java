package io.clipserve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder's TLS and token options refuse what cannot work, before any call is made. */
class ClientSecurityOptionsTest {
  @TempDir
  Path dir;

  @Test
  void aBearerTokenMustBePrintableAsciiAndIsNeverShown() {
    assertThatThrownBy(() -> ClipServeClient.builder().bearerToken("   "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClipServeClient.builder().bearerToken("two words"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClipServeClient.builder().bearerToken("line\nbreak"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new BearerToken(" s3cret ").toString()).doesNotContain("s3cret");
  }

  @Test
  void unreadableTlsFilesFailTheBuildNamingThem() {
    Path missing = dir.resolve("absent-ca.pem");
    assertThatThrownBy(() -> ClipServeClient.builder().tlsTrustedCertificates(missing).build())
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent-ca.pem");
  }
}
