package io.clipserve.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.server.config.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokensTest {
  @TempDir
  Path dir;

  private AccessTokens tokens(String admin, String inference) throws IOException {
    ServerSettings settings = new ServerSettings();
    if (admin != null) {
      settings.setAdminTokenFile(Files.writeString(dir.resolve("admin"), admin));
    }
    if (inference != null) {
      settings.setInferenceTokenFile(Files.writeString(dir.resolve("inference"), inference));
    }
    return new AccessTokens(settings);
  }

  @Test
  void withoutTokenFilesEverythingIsOpen() throws IOException {
    AccessTokens open = tokens(null, null);
    assertThat(open.enabled()).isFalse();
    assertThat(open.check(Role.ADMIN, null)).isEqualTo(TokenCheck.ALLOWED);
    assertThat(open.check(Role.INFERENCE, "Bearer anything")).isEqualTo(TokenCheck.ALLOWED);
  }

  @Test
  void adminCallsNeedAnAdminTokenAndInferenceTakesEither() throws IOException {
    AccessTokens both = tokens("  a1  \n\n a2\n", "i1\n");
    assertThat(both.check(Role.ADMIN, null)).isEqualTo(TokenCheck.MISSING);
    assertThat(both.check(Role.ADMIN, "Basic a1")).isEqualTo(TokenCheck.MISSING);
    assertThat(both.check(Role.ADMIN, "Bearer ")).isEqualTo(TokenCheck.MISSING);
    assertThat(both.check(Role.ADMIN, "Bearer i1")).isEqualTo(TokenCheck.DENIED);
    assertThat(both.check(Role.ADMIN, "Bearer a1x")).isEqualTo(TokenCheck.DENIED);
    assertThat(both.check(Role.ADMIN, "Bearer a1")).isEqualTo(TokenCheck.ALLOWED);
    assertThat(both.check(Role.ADMIN, "bearer a2")).isEqualTo(TokenCheck.ALLOWED);
    assertThat(both.check(Role.INFERENCE, null)).isEqualTo(TokenCheck.MISSING);
    assertThat(both.check(Role.INFERENCE, "Bearer i1")).isEqualTo(TokenCheck.ALLOWED);
    assertThat(both.check(Role.INFERENCE, "Bearer a2")).isEqualTo(TokenCheck.ALLOWED);
    assertThat(both.check(Role.INFERENCE, "Bearer nope")).isEqualTo(TokenCheck.DENIED);
  }

  @Test
  void oneRoleAloneGuardsWhatItShould() throws IOException {
    AccessTokens adminOnly = tokens("a1", null);
    assertThat(adminOnly.check(Role.INFERENCE, null)).isEqualTo(TokenCheck.ALLOWED);
    assertThat(adminOnly.check(Role.ADMIN, null)).isEqualTo(TokenCheck.MISSING);
    AccessTokens inferenceOnly = tokens(null, "i1");
    assertThat(inferenceOnly.check(Role.ADMIN, null)).isEqualTo(TokenCheck.MISSING);
    assertThat(inferenceOnly.check(Role.ADMIN, "Bearer i1")).isEqualTo(TokenCheck.ALLOWED);
  }

  @Test
  void unreadableOrEmptyFilesStopStartUpNamingTheFlagButNoToken() throws IOException {
    assertThatThrownBy(() -> tokens("\n  \n", null))
        .hasMessageContaining("--admin-token-file").hasMessageContaining("holds no token");
    ServerSettings missing = new ServerSettings();
    missing.setInferenceTokenFile(dir.resolve("absent"));
    assertThatThrownBy(() -> new AccessTokens(missing))
        .hasMessageContaining("--inference-token-file").hasMessageContaining("cannot be read");
  }
}
