package io.clipserve.server.oip;

import io.clipserve.proto.oip.ModelMetadataResponse;
import io.clipserve.proto.oip.ModelMetadataResponse.TensorMetadata;
import io.clipserve.proto.oip.ServerMetadataResponse;
import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.server.ServingException;
import io.clipserve.server.registry.ModelRegistry;
import io.clipserve.server.registry.Readiness;
import jakarta.inject.Singleton;

/**
 * The v2 models' metadata and readiness, read from the registry at each call. Server readiness is
 * {@link Readiness}'s. Thread-safe.
 */
@Singleton
public final class V2Models {
  static final String EMBEDDING = "EMBEDDING";
  static final String FP32 = "FP32";
  static final String PLATFORM = "clipserve";

  private final ModelRegistry registry;
  private final Readiness readiness;

  public V2Models(ModelRegistry registry, Readiness readiness) {
    this.registry = registry;
    this.readiness = readiness;
  }

  public boolean serverReady() {
    return readiness.isReady();
  }

  /** Name {@code clipserve}, the build's version (empty when not run from a jar), no extensions. */
  public ServerMetadataResponse serverMetadata() {
    String version = V2Models.class.getPackage().getImplementationVersion();
    return ServerMetadataResponse.newBuilder().setName(PLATFORM)
        .setVersion(version == null ? "" : version).build();
  }

  /**
   * Whether the v2 model has a READY version (the given one, when not empty).
   *
   * @throws ServingException NOT_FOUND for a model that does not exist
   */
  public boolean modelReady(String name, String version) {
    V2ModelName v2 = V2ModelName.parse(name, version);
    return info(v2).getVersionsList().stream().anyMatch(
        v -> v.getState() == VersionInfo.State.READY
            && (v2.version() == 0 || v.getVersion() == v2.version()));
  }

  /**
   * Input {@code INPUT} BYTES {@code [-1]}, output {@code EMBEDDING} FP32
   * {@code [-1, embedding_dim]}; versions are the READY ones.
   *
   * @throws ServingException NOT_FOUND for a model or a version that does not exist
   */
  public ModelMetadataResponse metadata(String name, String version) {
    V2ModelName v2 = V2ModelName.parse(name, version);
    ModelInfo info = info(v2);
    if (v2.version() != 0
        && info.getVersionsList().stream().noneMatch(v -> v.getVersion() == v2.version())) {
      throw ServingException.notFound("v2 model '" + name + "' has no version " + version);
    }
    ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder()
        .setName(v2.v2Name())
        .setPlatform(PLATFORM)
        .addInputs(TensorMetadata.newBuilder().setName(BytesTensor.INPUT)
            .setDatatype(BytesTensor.BYTES).addShape(-1))
        .addOutputs(TensorMetadata.newBuilder().setName(EMBEDDING).setDatatype(FP32)
            .addShape(-1).addShape(info.getConfig().getEmbeddingDim()));
    info.getVersionsList().stream().filter(v -> v.getState() == VersionInfo.State.READY)
        .forEach(v -> metadata.addVersions(Long.toString(v.getVersion())));
    return metadata.build();
  }

  /** The repository model's info, when it has the v2 model's encoder. */
  private ModelInfo info(V2ModelName v2) {
    ModelInfo info = registry.info(v2.model());
    ModelConfig config = info.getConfig();
    if (v2.image() ? !config.hasImageEncoder() : !config.hasTextEncoder()) {
      throw ServingException.notFound("v2 model '" + v2.v2Name() + "' does not exist: model '"
          + v2.model() + "' has no " + (v2.image() ? "image" : "text") + " encoder");
    }
    return info;
  }
}
