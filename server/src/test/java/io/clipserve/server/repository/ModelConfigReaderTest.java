package io.clipserve.server.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.proto.v1.Backend;
import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.ResizeMode;
import io.clipserve.proto.v1.TokenType;
import io.clipserve.proto.v1.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigReaderTest {
  @TempDir
  Path repository;

  private Path model(String name, String config) throws IOException {
    Path dir = Files.createDirectories(repository.resolve(name));
    Files.writeString(dir.resolve("config.pbtxt"), config);
    Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n");
    return dir;
  }

  @Test
  void fillsDefaultsOfChineseClipExports() throws Exception {
    Path dir = model("cn", """
        name: "cn"
        family: CHINESE_CLIP
        embedding_dim: 512
        image_encoder { max_batch_size: 1 }
        text_encoder { tokenizer { file: "vocab.txt" lowercase: true } }
        """);
    ModelConfig config = ModelConfigReader.read(dir);
    assertThat(config.getLogitScale()).isEqualTo(100f);
    assertThat(config.getVersionPolicy().getLatest().getNumVersions()).isEqualTo(1);
    assertThat(config.getImageEncoder().getFile()).isEqualTo("image.onnx");
    assertThat(config.getImageEncoder().getBackend()).isEqualTo(Backend.ONNXRUNTIME);
    assertThat(config.getImageEncoder().getInput()).isEqualTo("image");
    assertThat(config.getImageEncoder().getOutput()).isEqualTo("unnorm_image_features");
    assertThat(config.getImageEncoder().getResize()).isEqualTo(ResizeMode.SQUASH);
    assertThat(config.getImageEncoder().getImageSize()).isEqualTo(224);
    assertThat(config.getImageEncoder().getMeanList()).hasSize(3);
    assertThat(config.getTextEncoder().getContextLength()).isEqualTo(52);
    assertThat(config.getTextEncoder().getInputType()).isEqualTo(TokenType.INT64);
    assertThat(config.getTextEncoder().getTokenizer().getKind()).isEqualTo(TokenizerConfig.Kind.BERT_WORDPIECE);
    assertThat(config.getDynamicBatching().getMaxQueueSize()).isEqualTo(1024);
    assertThat(config.getZeroShotTemplatesList()).containsExactly("{}");
  }

  @Test
  void otherFamiliesCropAndUseSeventySevenTokens() throws Exception {
    Path dir = model("alt", """
        name: "alt" family: ALTCLIP embedding_dim: 768
        image_encoder {}
        text_encoder { tokenizer { file: "vocab.txt" } pad_id: 1 }
        """);
    ModelConfig config = ModelConfigReader.read(dir);
    assertThat(config.getImageEncoder().getResize()).isEqualTo(ResizeMode.SHORTEST_SIDE_CENTER_CROP);
    assertThat(config.getTextEncoder().getContextLength()).isEqualTo(77);
  }

  @Test
  void namesFileAndFieldOfEachProblem() throws Exception {
    assertThatThrownBy(() -> ModelConfigReader.read(model("a", "name: \"b\" embedding_dim: 4 image_encoder {}")))
        .hasMessageContaining("a/config.pbtxt: name: is 'b' but must equal the directory name 'a'");
    assertThatThrownBy(() -> ModelConfigReader.read(model("c", "name: \"c\" image_encoder {}")))
        .hasMessageContaining("c/config.pbtxt: embedding_dim: must be positive");
    assertThatThrownBy(() -> ModelConfigReader.read(model("d", "name: \"d\" embedding_dim: 4")))
        .hasMessageContaining("needs image_encoder, text_encoder or both");
    assertThatThrownBy(() -> ModelConfigReader.read(model("e", "name: \"e\" embedding_dim: 4 bogus: 1")))
        .hasMessageContaining("e/config.pbtxt: not valid protobuf text format")
        .hasMessageContaining("bogus");
    assertThatThrownBy(() -> ModelConfigReader.read(model("f",
        "name: \"f\" embedding_dim: 4 image_encoder { resize: STRETCH }")))
        .hasMessageContaining("STRETCH");
    assertThatThrownBy(() -> ModelConfigReader.read(model("g",
        "name: \"g\" embedding_dim: 4 image_encoder { file: \"../../etc/passwd\" }")))
        .hasMessageContaining("image_encoder.file");
    assertThatThrownBy(() -> ModelConfigReader.read(model("h",
        "name: \"h\" embedding_dim: 4 text_encoder { tokenizer { file: \"missing.txt\" } }")))
        .hasMessageContaining("text_encoder.tokenizer.file: 'missing.txt' does not exist");
    assertThatThrownBy(() -> ModelConfigReader.read(model("i",
        "name: \"i\" embedding_dim: 4 image_encoder { std: [1, 0, 1] }")))
        .hasMessageContaining("image_encoder.std");
    assertThatThrownBy(() -> ModelConfigReader.read(Files.createDirectories(repository.resolve("j"))))
        .hasMessageContaining("j/config.pbtxt: missing");
  }
}
