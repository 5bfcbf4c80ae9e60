package io.clipserve.server.registry;

import io.clipserve.proto.v1.Backend;
import io.clipserve.proto.v1.ExecutionProvider;
import io.clipserve.proto.v1.ImageEncoderConfig;
import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.ResizeMode;
import io.clipserve.proto.v1.TextEncoderConfig;
import io.clipserve.proto.v1.TokenType;
import io.clipserve.proto.v1.TokenizerConfig;
import io.clipserve.server.backend.ElementType;
import io.clipserve.server.backend.Encoder;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderProvider;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.GpuOptions;
import io.clipserve.server.backend.InputRole;
import io.clipserve.server.backend.InputSpec;
import io.clipserve.server.preprocess.image.DecodeLimits;
import io.clipserve.server.preprocess.image.ImageSpec;
import io.clipserve.server.preprocess.text.TokenizerSpec;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates encoder configs into engine-neutral specs and loads them with the provider of their
 * backend. Thread-safe.
 */
@Singleton
public final class EncoderLoader {
  private final List<EncoderProvider> providers;

  public EncoderLoader(List<EncoderProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  Encoder loadImage(ModelConfig model, ImageEncoderConfig c, Path versionDir) throws EncoderException {
    int size = c.getImageSize();
    List<InputSpec> inputs =
        List.of(new InputSpec(c.getInput(), InputRole.PIXELS, ElementType.FLOAT32, 3, size, size));
    return load(spec(model, versionDir, c.getFile(), c.getBackend(), inputs, c.getOutput(),
        c.getMaxBatchSize(), c.getInstanceCount(), c.getIntraOpThreads(),
        gpu(c.getExecutionProvider(), c.getGpuDevice(), c.getTensorrtFp16())));
  }

  Encoder loadText(ModelConfig model, TextEncoderConfig c, Path versionDir) throws EncoderException {
    ElementType type = c.getInputType() == TokenType.INT32 ? ElementType.INT32 : ElementType.INT64;
    List<InputSpec> inputs = new ArrayList<>();
    inputs.add(new InputSpec(c.getInput(), InputRole.INPUT_IDS, type, c.getContextLength()));
    if (!c.getAttentionMaskInput().isEmpty()) {
      inputs.add(new InputSpec(c.getAttentionMaskInput(), InputRole.ATTENTION_MASK, type,
          c.getContextLength()));
    }
    return load(spec(model, versionDir, c.getFile(), c.getBackend(), inputs, c.getOutput(),
        c.getMaxBatchSize(), c.getInstanceCount(), c.getIntraOpThreads(),
        gpu(c.getExecutionProvider(), c.getGpuDevice(), c.getTensorrtFp16())));
  }

  /** The fields both encoder configs share, as a spec for the file in {@code versionDir}. */
  private static EncoderSpec spec(ModelConfig model, Path versionDir, String file, Backend backend,
      List<InputSpec> inputs, String output, int maxBatchSize, int instanceCount, int intraOpThreads,
      GpuOptions gpu) {
    return new EncoderSpec(label(model, versionDir, file), versionDir.resolve(file), backend, inputs,
        output, model.getEmbeddingDim(), maxBatchSize,
        model.getDynamicBatching().getPreferredBatchSizeList(), instanceCount, intraOpThreads, gpu);
  }

  private static GpuOptions gpu(ExecutionProvider provider, int device, boolean fp16) {
    return new GpuOptions(provider == ExecutionProvider.CUDA, device, fp16);
  }

  private Encoder load(EncoderSpec spec) throws EncoderException {
    if (!Files.isRegularFile(spec.file())) {
      throw new EncoderException(spec.label() + ": the file is missing");
    }
    for (EncoderProvider provider : providers) {
      if (provider.backend() == spec.backend()) {
        return provider.load(spec);
      }
    }
    throw new EncoderException(spec.label() + ": backend " + spec.backend()
        + " is not available in this server; available: "
        + providers.stream().map(EncoderProvider::backend).toList());
  }

  static ImageSpec imageSpec(ImageEncoderConfig c, DecodeLimits limits) {
    ImageSpec.Resize resize = c.getResize() == ResizeMode.SQUASH
        ? ImageSpec.Resize.SQUASH : ImageSpec.Resize.SHORTEST_SIDE_CENTER_CROP;
    return new ImageSpec(c.getImageSize(), resize, floats(c.getMeanList()),
        floats(c.getStdList()), limits);
  }

  static TokenizerSpec tokenizerSpec(Path modelDir, TextEncoderConfig c) {
    TokenizerConfig t = c.getTokenizer();
    TokenizerSpec.Kind kind = switch (t.getKind()) {
      case HF_TOKENIZER_JSON -> TokenizerSpec.Kind.HF_TOKENIZER_JSON;
      case OPENAI_CLIP_BPE -> TokenizerSpec.Kind.OPENAI_CLIP_BPE;
      default -> TokenizerSpec.Kind.BERT_WORDPIECE;
    };
    return new TokenizerSpec(kind, modelDir.resolve(t.getFile()), t.getLowercase(), c.getContextLength(),
        c.getPadId());
  }

  private static String label(ModelConfig model, Path versionDir, String file) {
    return model.getName() + "/" + versionDir.getFileName() + "/" + file;
  }

  private static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
