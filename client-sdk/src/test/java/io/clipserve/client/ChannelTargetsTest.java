package io.clipserve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.client.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Target forms: comma lists checked entry by entry, and a list balanced over real sockets. */
class ChannelTargetsTest {

  @ParameterizedTest
  @ValueSource(strings = {"localhost:8001", "a:1,b:2", " a:1 , b:2 ", "[::1]:8001,127.0.0.1:8002",
      "dns:///clipserve-headless.default.svc.cluster.local:8001", "unix:///tmp/clipserve.sock"})
  void acceptsEachForm(String target) {
    assertThat(ChannelTargets.checked(target)).isEqualTo(target);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a:1,", ",a:1", "a:1,,b:2", "a:1,b", "a:1,b:0", "a:1,b:65536",
      "a:1,b:-1", "a:1,b:2/path", "a:1,user@b:2", "a:1,b:2?x", "a:1,b c:2", "a:1,[::1:2"})
  void refusesAListEntryThatIsNotHostAndPortNamingIt(String target) {
    assertThatThrownBy(() -> ClipServeClient.builder().target(target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not host:port");
  }

  @Test
  void anIpv6LiteralInAListIsUsableAndAnEndpointNobodyListensOnIsSkipped() throws Exception {
    try (TestServer live = TestServer.onLoopback();
        ClipServeClient client = ClipServeClient.builder()
            .target("[::1]:1," + live.target().replace("localhost", "127.0.0.1")).build()) {
      for (int i = 0; i < 10; i++) {
        assertThat(client.embedTexts("alpha", List.of("x")).size()).isEqualTo(1);
      }
    }
  }

  @Test
  void aListSpreadsCallsOverEveryReplicaAndOutlivesOneThatStops() throws Exception {
    try (TestServer first = TestServer.onLoopback(); TestServer second = TestServer.onLoopback();
        ClipServeClient client = ClipServeClient.builder()
            .target(first.target() + "," + second.target()).build()) {
      // One replica may still be connecting while the other answers: a count, not a clock.
      for (int i = 0; i < 1000 && (first.embedding().lastDeadline() == null
          || second.embedding().lastDeadline() == null); i++) {
        client.embedTexts("alpha", List.of("x"));
      }
      assertThat(first.embedding().lastDeadline()).isNotNull();
      assertThat(second.embedding().lastDeadline()).isNotNull();

      first.close();
      for (int i = 0; i < 20; i++) {
        assertThat(client.embedTexts("alpha", List.of("x")).size()).isEqualTo(1);
      }
    }
  }
}
