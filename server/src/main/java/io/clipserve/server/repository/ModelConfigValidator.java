package io.clipserve.server.repository;

import io.clipserve.proto.v1.Backend;
import io.clipserve.proto.v1.DynamicBatching;
import io.clipserve.proto.v1.ExecutionProvider;
import io.clipserve.proto.v1.ImageEncoderConfig;
import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.TextEncoderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a config with defaults filled in; the first problem found is thrown, naming the file and
 * the field. Encoder files are checked per version when a version loads, not here.
 */
final class ModelConfigValidator {
  private final ModelConfig config;
  private final String file;
  private final RepositoryFiles files;

  private ModelConfigValidator(ModelConfig config, String file, RepositoryFiles files) {
    this.config = config;
    this.file = file;
    this.files = files;
  }

  /**
   * Checks {@code config}, read from {@code file} (as messages show it) in {@code modelDir}; the
   * tokenizer file must exist and resolve inside the repository.
   */
  static void validate(ModelConfig config, Path modelDir, String file, RepositoryFiles files)
      throws ConfigException {
    new ModelConfigValidator(config, file, files).check(modelDir);
  }

  private void check(Path modelDir) throws ConfigException {
    String dirName = modelDir.getFileName().toString();
    require(config.getName().equals(dirName), "name",
        "is '" + config.getName() + "' but must equal the directory name '" + dirName + "'");
    require(ModelNames.isValid(config.getName()), "name", "must match [a-z0-9][a-z0-9._-]{0,63}");
    require(config.getEmbeddingDim() > 0, "embedding_dim", "must be positive");
    require(config.getLogitScale() > 0, "logit_scale", "must be positive");
    require(config.hasImageEncoder() || config.hasTextEncoder(), "",
        "needs image_encoder, text_encoder or both");
    if (config.getVersionPolicy().hasSpecific()) {
      List<Long> versions = config.getVersionPolicy().getSpecific().getVersionsList();
      require(!versions.isEmpty() && versions.stream().allMatch(v -> v > 0),
          "version_policy.specific.versions", "must list positive version numbers");
    }
    if (config.hasImageEncoder()) {
      image(config.getImageEncoder());
    }
    if (config.hasTextEncoder()) {
      text(config.getTextEncoder(), modelDir);
    }
    batching(config.getDynamicBatching());
  }

  private void image(ImageEncoderConfig image) throws ConfigException {
    fileName(image.getFile(), "image_encoder.file");
    require(image.getImageSize() > 0 && image.getImageSize() <= 4096, "image_encoder.image_size",
        "must be between 1 and 4096");
    require(image.getMeanCount() == 3, "image_encoder.mean", "needs three values (R, G, B)");
    require(image.getStdCount() == 3 && image.getStdList().stream().allMatch(s -> s > 0),
        "image_encoder.std", "needs three positive values (R, G, B)");
    counts("image_encoder", image.getMaxBatchSize(), image.getInstanceCount(), image.getIntraOpThreads());
    placement("image_encoder", image.getFile(), image.getBackend(), image.getExecutionProvider(),
        image.getGpuDevice(), image.getTensorrtFp16());
  }

  private void text(TextEncoderConfig text, Path modelDir) throws ConfigException {
    fileName(text.getFile(), "text_encoder.file");
    fileName(text.getTokenizer().getFile(), "text_encoder.tokenizer.file");
    Path tokenizer = modelDir.resolve(text.getTokenizer().getFile());
    try {
      files.requireInside(tokenizer);
    } catch (OutsideRepositoryException e) {
      throw new ConfigException(e);
    }
    require(Files.isRegularFile(tokenizer), "text_encoder.tokenizer.file",
        "'" + text.getTokenizer().getFile() + "' does not exist in the model directory");
    require(text.getContextLength() >= 3 && text.getContextLength() <= 4096,
        "text_encoder.context_length", "must be between 3 and 4096");
    require(text.getPadId() >= 0, "text_encoder.pad_id", "must not be negative");
    counts("text_encoder", text.getMaxBatchSize(), text.getInstanceCount(), text.getIntraOpThreads());
    placement("text_encoder", text.getFile(), text.getBackend(), text.getExecutionProvider(),
        text.getGpuDevice(), text.getTensorrtFp16());
  }

  private void batching(DynamicBatching batching) throws ConfigException {
    require(batching.getMaxQueueDelayMicroseconds() > 0, "dynamic_batching.max_queue_delay_microseconds",
        "must be positive");
    require(batching.getMaxQueueSize() > 0, "dynamic_batching.max_queue_size", "must be positive");
    require(batching.getPreferredBatchSizeList().stream().allMatch(s -> s > 0),
        "dynamic_batching.preferred_batch_size", "must be positive sizes");
  }

  private void counts(String encoder, int maxBatch, int instances, int threads) throws ConfigException {
    require(maxBatch >= 0 && maxBatch <= 4096, encoder + ".max_batch_size", "must be between 0 and 4096");
    require(instances >= 1 && instances <= 64, encoder + ".instance_count", "must be between 1 and 64");
    require(threads >= 0 && threads <= 1024, encoder + ".intra_op_threads", "must be between 0 and 1024");
  }

  /** Backend, file kind and GPU options agree: each option belongs to one backend. */
  private void placement(String encoder, String file, Backend backend, ExecutionProvider provider, int device,
      boolean fp16) throws ConfigException {
    require(device >= 0 && device <= 63, encoder + ".gpu_device", "must be between 0 and 63");
    if (backend == Backend.TENSORRT) {
      require(file.endsWith(".plan") || file.endsWith(".onnx"), encoder + ".file", "'" + file
          + "' must be a TensorRT engine (.plan) or an ONNX model (.onnx) to build one from, for backend TENSORRT");
      require(provider != ExecutionProvider.CUDA, encoder + ".execution_provider",
          "applies to backend ONNXRUNTIME only; TENSORRT always runs on the GPU");
      require(!fp16 || file.endsWith(".onnx"), encoder + ".tensorrt_fp16",
          "applies when the engine is built from an .onnx file; a .plan keeps the precision it was built with");
    } else {
      require(!file.endsWith(".plan"), encoder + ".file",
          "'" + file + "' is a TensorRT engine: set backend: TENSORRT");
      require(!fp16, encoder + ".tensorrt_fp16", "applies to backend TENSORRT only");
    }
  }

  /** Encoder and tokenizer files are plain names inside their directory, never paths out of it. */
  private void fileName(String name, String field) throws ConfigException {
    require(!name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.startsWith(".")
        && name.chars().noneMatch(Character::isISOControl), field, "'" + name.replaceAll(
            "\\p{Cntrl}", "?") + "' must be a file name inside its directory (no '/', no leading"
            + " '.', no control characters)");
  }

  private void require(boolean ok, String field, String problem) throws ConfigException {
    if (!ok) {
      throw new ConfigException(file, field, problem);
    }
  }
}
