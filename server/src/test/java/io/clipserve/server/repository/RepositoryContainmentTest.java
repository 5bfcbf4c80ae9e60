package io.clipserve.server.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clipserve.proto.v1.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ModelConfigReader} refuses to read (anything resolving outside the repository,
 * configs over the size limit), how its messages name files, and that it parses a config again
 * only when the file changed.
 */
class RepositoryContainmentTest {
  static final String SECRET = "outside_secret_token";
  static final String CONFIG = "name: \"m\" embedding_dim: 4 image_encoder {}\n";
  static final String TEXT_CONFIG =
      "name: \"m\" embedding_dim: 4 text_encoder { tokenizer { file: \"vocab.txt\" } }";
  static final String OUTSIDE =
      ": resolves outside the model repository; symlinks may point only inside it";

  @TempDir
  Path temp;
  Path repository;
  Path outside;
  ModelConfigReader reader;

  @BeforeEach
  void layout() throws IOException {
    repository = Files.createDirectories(temp.resolve("repository"));
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), SECRET + " { }\n");
    reader = new ModelConfigReader(new RepositoryFiles(repository, 4096));
  }

  private Path model(String config) throws IOException {
    Path dir = Files.createDirectories(repository.resolve("m"));
    Files.writeString(dir.resolve("config.pbtxt"), config);
    return dir;
  }

  @Test
  void aConfigLinkedOutsideIsRefusedUnreadAndItsContentNeverShown() throws IOException {
    Path dir = Files.createDirectories(repository.resolve("m"));
    Files.createSymbolicLink(dir.resolve("config.pbtxt"), outside.resolve("secret.txt"));
    Throwable refused = catchThrowable(() -> reader.read(dir));
    assertThat(refused).isInstanceOf(ConfigException.class)
        .hasMessage("m/config.pbtxt" + OUTSIDE);
    assertThat(refused.getMessage()).doesNotContain(SECRET).doesNotContain(temp.toString());
  }

  @Test
  void aModelDirectoryLinkedOutsideIsRefused() throws IOException {
    Files.writeString(outside.resolve("config.pbtxt"), CONFIG);
    Path dir = Files.createSymbolicLink(repository.resolve("m"), outside);
    assertThatThrownBy(() -> reader.read(dir))
        .hasMessage("m" + OUTSIDE);
  }

  @Test
  void aTokenizerLinkedOutsideIsRefusedNamingTheField() throws IOException {
    Path dir = model(TEXT_CONFIG);
    Files.createSymbolicLink(dir.resolve("vocab.txt"), outside.resolve("secret.txt"));
    assertThatThrownBy(() -> reader.read(dir))
        .hasMessage("m/vocab.txt" + OUTSIDE);
  }

  @Test
  void linksThatStayInsideTheRepositoryAreFollowed() throws Exception {
    Path shared = Files.createDirectories(repository.resolve(".shared"));
    Files.writeString(shared.resolve("vocab.txt"), "[PAD]\n");
    Files.writeString(shared.resolve("m.pbtxt"),
        "name: \"m\" embedding_dim: 4 text_encoder { tokenizer { file: \"vocab.txt\" } }");
    Path dir = Files.createDirectories(repository.resolve("m"));
    Files.createSymbolicLink(dir.resolve("config.pbtxt"), Path.of("../.shared/m.pbtxt"));
    Files.createSymbolicLink(dir.resolve("vocab.txt"), shared.resolve("vocab.txt"));
    assertThat(reader.read(dir).getEmbeddingDim()).isEqualTo(4);
  }

  @Test
  void aConfigOverTheSizeLimitIsRefusedNamingTheSetting() throws IOException {
    String large = CONFIG + "#" + "x".repeat(5000) + "\n";
    Path dir = model(large);
    assertThatThrownBy(() -> reader.read(dir)).hasMessage("m/config.pbtxt: is " + large.length()
        + " bytes, over clipserve.repository.max-config-bytes (4096); not parsed");
  }

  @Test
  void messagesNameFilesRelativeToTheRepository() throws IOException {
    Path dir = model(TEXT_CONFIG);
    Throwable missing = catchThrowable(() -> reader.read(dir));
    assertThat(missing).hasMessage("m/config.pbtxt: text_encoder.tokenizer.file: "
        + "'vocab.txt' does not exist in the model directory");
    Files.delete(dir.resolve("config.pbtxt"));
    Files.createDirectory(dir.resolve("config.pbtxt"));
    assertThat(catchThrowable(() -> reader.read(dir)))
        .hasMessage("m/config.pbtxt: is not a regular file");
  }

  @Test
  void anUnchangedConfigIsNotParsedAgain() throws Exception {
    Path dir = model(CONFIG);
    ModelConfig first = reader.read(dir);
    assertThat(reader.read(dir)).isSameAs(first);
    Path replacement = repository.resolve("m/.config.new");
    Files.writeString(replacement, CONFIG.replace("4", "8"));
    Files.move(replacement, dir.resolve("config.pbtxt"), StandardCopyOption.ATOMIC_MOVE);
    ModelConfig second = reader.read(dir);
    assertThat(second.getEmbeddingDim()).isEqualTo(8);
    assertThat(reader.read(dir)).isSameAs(second);
  }

  @Test
  void anUnchangedBrokenConfigIsNotParsedAgain() throws IOException {
    Path dir = model("name: \"m\" bogus: 1");
    Throwable first = catchThrowable(() -> reader.read(dir));
    assertThat(first).hasMessageContaining("bogus");
    assertThat(catchThrowable(() -> reader.read(dir))).isSameAs(first);
    Files.writeString(dir.resolve("config.pbtxt"), CONFIG);
    assertThat(catchThrowable(() -> reader.read(dir))).isNull();
  }
}
