package io.clipserve.server.repository;

import io.clipserve.proto.v1.DynamicBatching;
import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.ModelConfig.Family;
import io.clipserve.proto.v1.VersionPolicy;

/**
 * Fills in what a {@code config.pbtxt} may leave out, so the rest of the server (and ModelInfo)
 * sees every value explicitly; the encoders' own fields are {@link EncoderConfigDefaults}'.
 * Defaults are those of Chinese-CLIP's official ONNX exports. Stateless.
 */
final class ModelConfigDefaults {
  private ModelConfigDefaults() {}

  static ModelConfig apply(ModelConfig in) {
    ModelConfig.Builder out = in.toBuilder();
    if (in.getFamily() == Family.FAMILY_UNSPECIFIED) {
      out.setFamily(Family.GENERIC);
    }
    if (in.getLogitScale() == 0) {
      out.setLogitScale(100f);
    }
    if (!in.hasVersionPolicy() || in.getVersionPolicy().getPolicyChoiceCase()
        == VersionPolicy.PolicyChoiceCase.POLICYCHOICE_NOT_SET) {
      out.setVersionPolicy(VersionPolicy.newBuilder().setLatest(VersionPolicy.Latest.newBuilder()));
    }
    if (out.getVersionPolicy().hasLatest() && out.getVersionPolicy().getLatest().getNumVersions() == 0) {
      out.getVersionPolicyBuilder().getLatestBuilder().setNumVersions(1);
    }
    if (in.hasImageEncoder()) {
      out.setImageEncoder(EncoderConfigDefaults.image(in.getImageEncoder(), out.getFamily()));
    }
    if (in.hasTextEncoder()) {
      out.setTextEncoder(EncoderConfigDefaults.text(in.getTextEncoder(), out.getFamily()));
    }
    DynamicBatching.Builder batching = in.getDynamicBatching().toBuilder();
    if (batching.getMaxQueueDelayMicroseconds() == 0) {
      batching.setMaxQueueDelayMicroseconds(2000);
    }
    if (batching.getMaxQueueSize() == 0) {
      batching.setMaxQueueSize(1024);
    }
    out.setDynamicBatching(batching);
    if (in.getZeroShotTemplatesCount() == 0) {
      out.addZeroShotTemplates("{}");
    }
    return out.build();
  }
}
