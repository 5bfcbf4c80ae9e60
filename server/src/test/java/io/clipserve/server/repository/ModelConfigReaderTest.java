package io.clipserve.server.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.proto.v1.Backend;
import io.clipserve.proto.v1.ExecutionProvider;
import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.ResizeMode;
import io.clipserve.proto.v1.TokenType;
import io.clipserve.proto.v1.TokenizerConfig;
import io.clipserve.server.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigReaderTest {
  @TempDir
  Path repository;
  ModelConfigReader reader;

  @BeforeEach
  void newReader() {
    reader = new ModelConfigReader(new RepositoryFiles(repository, 1024 * 1024));
  }

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
    ModelConfig config = reader.read(dir);
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
    ModelConfig config = reader.read(dir);
    assertThat(config.getImageEncoder().getResize()).isEqualTo(ResizeMode.SHORTEST_SIDE_CENTER_CROP);
    assertThat(config.getTextEncoder().getContextLength()).isEqualTo(77);
  }

  @Test
  void theOpenAiClipConfigOfTheDocsReadsAsWritten() throws Exception {
    String doc = Files.readString(TestRepository.ROOT.resolve("docs/tokenization.md"));
    int start = doc.indexOf("name: \"openai-clip-vit-b-32\"");
    assertThat(start).as("the example in docs/tokenization.md").isPositive();
    Path dir = model("openai-clip-vit-b-32", doc.substring(start, doc.indexOf("```", start)));
    Files.copy(TestRepository.TESTDATA.resolve("vocab/bpe_simple_vocab_16e6.txt.gz"),
        dir.resolve("bpe_simple_vocab_16e6.txt.gz"));
    ModelConfig config = reader.read(dir);
    assertThat(config.getFamily()).isEqualTo(ModelConfig.Family.OPENAI_CLIP);
    assertThat(config.getImageEncoder().getResize()).isEqualTo(ResizeMode.SHORTEST_SIDE_CENTER_CROP);
    assertThat(config.getTextEncoder().getTokenizer().getKind())
        .isEqualTo(TokenizerConfig.Kind.OPENAI_CLIP_BPE);
    assertThat(config.getTextEncoder().getContextLength()).isEqualTo(77);
    assertThat(config.getTextEncoder().getPadId()).isZero();
  }

  @Test
  void aGzippedMergesFileMeansOpenAiClipBpe() throws Exception {
    Path dir = model("bpe", """
        name: "bpe" family: OPENAI_CLIP embedding_dim: 512
        text_encoder { tokenizer { file: "vocab.txt.gz" } }
        """);
    Files.writeString(dir.resolve("vocab.txt.gz"), "");
    assertThat(reader.read(dir).getTextEncoder().getTokenizer().getKind())
        .isEqualTo(TokenizerConfig.Kind.OPENAI_CLIP_BPE);
  }

  @Test
  void namesFileAndFieldOfEachProblem() throws Exception {
    assertThatThrownBy(() -> reader.read(model("a", "name: \"b\" embedding_dim: 4 image_encoder {}")))
        .hasMessageContaining("a/config.pbtxt: name: is 'b' but must equal the directory name 'a'");
    assertThatThrownBy(() -> reader.read(model("c", "name: \"c\" image_encoder {}")))
        .hasMessageContaining("c/config.pbtxt: embedding_dim: must be positive");
    assertThatThrownBy(() -> reader.read(model("d", "name: \"d\" embedding_dim: 4")))
        .hasMessageContaining("needs image_encoder, text_encoder or both");
    assertThatThrownBy(() -> reader.read(model("e", "name: \"e\" embedding_dim: 4 bogus: 1")))
        .hasMessageContaining("e/config.pbtxt: not valid protobuf text format")
        .hasMessageContaining("bogus");
    assertThatThrownBy(() -> reader.read(model("f",
        "name: \"f\" embedding_dim: 4 image_encoder { resize: STRETCH }")))
        .hasMessageContaining("STRETCH");
    assertThatThrownBy(() -> reader.read(model("g",
        "name: \"g\" embedding_dim: 4 image_encoder { file: \"../../etc/passwd\" }")))
        .hasMessageContaining("image_encoder.file");
    assertThatThrownBy(() -> reader.read(model("h",
        "name: \"h\" embedding_dim: 4 text_encoder { tokenizer { file: \"missing.txt\" } }")))
        .hasMessageContaining("text_encoder.tokenizer.file: 'missing.txt' does not exist");
    assertThatThrownBy(() -> reader.read(model("i",
        "name: \"i\" embedding_dim: 4 image_encoder { std: [1, 0, 1] }")))
        .hasMessageContaining("image_encoder.std");
    assertThatThrownBy(() -> reader.read(Files.createDirectories(repository.resolve("j"))))
        .hasMessageContaining("j/config.pbtxt: missing");
  }

  @Test
  void tensorRtEncodersDefaultToEnginesAndTakeEnginesOrOnnx() throws Exception {
    ModelConfig config = reader.read(model("trt", """
        name: "trt" embedding_dim: 4
        image_encoder { backend: TENSORRT }
        text_encoder { backend: TENSORRT file: "text.onnx" input_type: INT32 tensorrt_fp16: true gpu_device: 1 }
        """));
    assertThat(config.getImageEncoder().getFile()).isEqualTo("image.plan");
    assertThat(config.getImageEncoder().getExecutionProvider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(config.getTextEncoder().getTensorrtFp16()).isTrue();
    assertThat(config.getTextEncoder().getGpuDevice()).isEqualTo(1);
  }

  @Test
  void theOnnxRuntimeCudaProviderIsAnOption() throws Exception {
    ModelConfig config = reader.read(model("ortcuda", """
        name: "ortcuda" embedding_dim: 4 image_encoder { execution_provider: CUDA gpu_device: 2 }
        """));
    assertThat(config.getImageEncoder().getBackend()).isEqualTo(Backend.ONNXRUNTIME);
    assertThat(config.getImageEncoder().getExecutionProvider()).isEqualTo(ExecutionProvider.CUDA);
  }

  @Test
  void gpuOptionsThatDoNotFitTheBackendAreRefusedNamingTheField() throws Exception {
    assertThatThrownBy(() -> reader.read(model("t1",
        "name: \"t1\" embedding_dim: 4 image_encoder { backend: TENSORRT file: \"image.bin\" }")))
        .hasMessageContaining("t1/config.pbtxt: image_encoder.file: 'image.bin' must be a TensorRT engine (.plan)"
            + " or an ONNX model (.onnx)");
    assertThatThrownBy(() -> reader.read(model("t2",
        "name: \"t2\" embedding_dim: 4 image_encoder { backend: TENSORRT execution_provider: CUDA }")))
        .hasMessageContaining("image_encoder.execution_provider: applies to backend ONNXRUNTIME only");
    assertThatThrownBy(() -> reader.read(model("t3",
        "name: \"t3\" embedding_dim: 4 text_encoder { tensorrt_fp16: true }")))
        .hasMessageContaining("text_encoder.tensorrt_fp16: applies to backend TENSORRT only");
    assertThatThrownBy(() -> reader.read(model("t4",
        "name: \"t4\" embedding_dim: 4 image_encoder { backend: TENSORRT tensorrt_fp16: true }")))
        .hasMessageContaining("image_encoder.tensorrt_fp16: applies when the engine is built from an .onnx file");
    assertThatThrownBy(() -> reader.read(model("t5",
        "name: \"t5\" embedding_dim: 4 image_encoder { file: \"image.plan\" }")))
        .hasMessageContaining("image_encoder.file: 'image.plan' is a TensorRT engine: set backend: TENSORRT");
    assertThatThrownBy(() -> reader.read(model("t6",
        "name: \"t6\" embedding_dim: 4 image_encoder { gpu_device: -1 }")))
        .hasMessageContaining("image_encoder.gpu_device: must be between 0 and 63");
  }
}
