package io.clipserve.server.repository;

import io.clipserve.proto.v1.Backend;
import io.clipserve.proto.v1.ExecutionProvider;
import io.clipserve.proto.v1.ImageEncoderConfig;
import io.clipserve.proto.v1.ModelConfig.Family;
import io.clipserve.proto.v1.ResizeMode;
import io.clipserve.proto.v1.TextEncoderConfig;
import io.clipserve.proto.v1.TokenType;
import io.clipserve.proto.v1.TokenizerConfig;
import java.util.List;

/**
 * Fills in what an image or text encoder section of a {@code config.pbtxt} may leave out; some
 * defaults depend on the model's family (resize mode, tokenizer file, context length). Defaults
 * are those of Chinese-CLIP's official ONNX exports. Stateless.
 */
final class EncoderConfigDefaults {
  static final List<Float> CLIP_MEAN = List.of(0.48145466f, 0.4578275f, 0.40821073f);
  static final List<Float> CLIP_STD = List.of(0.26862954f, 0.26130258f, 0.27577711f);

  private EncoderConfigDefaults() {}

  static ImageEncoderConfig image(ImageEncoderConfig in, Family family) {
    ImageEncoderConfig.Builder b = in.toBuilder();
    Backend backend = in.getBackend() == Backend.BACKEND_UNSPECIFIED ? Backend.ONNXRUNTIME : in.getBackend();
    b.setBackend(backend);
    if (in.getFile().isEmpty()) {
      b.setFile(backend == Backend.TENSORRT ? "image.plan" : "image.onnx");
    }
    if (in.getInput().isEmpty()) {
      b.setInput("image");
    }
    if (in.getOutput().isEmpty()) {
      b.setOutput("unnorm_image_features");
    }
    if (in.getImageSize() == 0) {
      b.setImageSize(224);
    }
    if (in.getResize() == ResizeMode.RESIZE_MODE_UNSPECIFIED) {
      b.setResize(family == Family.CHINESE_CLIP ? ResizeMode.SQUASH : ResizeMode.SHORTEST_SIDE_CENTER_CROP);
    }
    if (in.getMeanCount() == 0) {
      b.addAllMean(CLIP_MEAN);
    }
    if (in.getStdCount() == 0) {
      b.addAllStd(CLIP_STD);
    }
    if (in.getInstanceCount() == 0) {
      b.setInstanceCount(1);
    }
    if (in.getExecutionProvider() == ExecutionProvider.EXECUTION_PROVIDER_UNSPECIFIED) {
      b.setExecutionProvider(ExecutionProvider.CPU);
    }
    return b.build();
  }

  static TextEncoderConfig text(TextEncoderConfig in, Family family) {
    TextEncoderConfig.Builder b = in.toBuilder();
    Backend backend = in.getBackend() == Backend.BACKEND_UNSPECIFIED ? Backend.ONNXRUNTIME : in.getBackend();
    b.setBackend(backend);
    if (in.getFile().isEmpty()) {
      b.setFile(backend == Backend.TENSORRT ? "text.plan" : "text.onnx");
    }
    if (in.getInput().isEmpty()) {
      b.setInput("text");
    }
    if (in.getOutput().isEmpty()) {
      b.setOutput("unnorm_text_features");
    }
    if (in.getInputType() == TokenType.TOKEN_TYPE_UNSPECIFIED) {
      b.setInputType(TokenType.INT64);
    }
    TokenizerConfig.Builder tokenizer = in.getTokenizer().toBuilder();
    if (tokenizer.getFile().isEmpty()) {
      tokenizer.setFile(family == Family.CHINESE_CLIP || family == Family.GENERIC ? "vocab.txt" : "tokenizer.json");
    }
    if (tokenizer.getKind() == TokenizerConfig.Kind.KIND_UNSPECIFIED) {
      String file = tokenizer.getFile();
      tokenizer.setKind(file.endsWith(".json") ? TokenizerConfig.Kind.HF_TOKENIZER_JSON
          : file.endsWith(".txt.gz") ? TokenizerConfig.Kind.OPENAI_CLIP_BPE
          : TokenizerConfig.Kind.BERT_WORDPIECE);
    }
    b.setTokenizer(tokenizer);
    if (in.getContextLength() == 0) {
      b.setContextLength(family == Family.CHINESE_CLIP ? 52 : 77);
    }
    if (in.getInstanceCount() == 0) {
      b.setInstanceCount(1);
    }
    if (in.getExecutionProvider() == ExecutionProvider.EXECUTION_PROVIDER_UNSPECIFIED) {
      b.setExecutionProvider(ExecutionProvider.CPU);
    }
    return b.build();
  }
}
