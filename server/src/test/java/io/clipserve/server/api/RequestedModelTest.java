package io.clipserve.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.oip.ModelInferRequest;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.GetModelRequest;
import org.junit.jupiter.api.Test;

/** Which model a request names, as the metrics label it, for every service's field names. */
class RequestedModelTest {

  @Test
  void clipserveCallsNameTheirModelAndVersion() {
    EmbedRequest embed = EmbedRequest.newBuilder().setModel("m").setModelVersion(3).build();
    assertThat(RequestedModel.name(embed)).isEqualTo("m");
    assertThat(RequestedModel.version(embed)).isEqualTo(3);
    assertThat(RequestedModel.name(GetModelRequest.newBuilder().setName("n").build()))
        .isEqualTo("n");
  }

  @Test
  void kserveV2NamesAnEncoderWhoseModelIsTheLabel() {
    assertThat(RequestedModel.name(ModelInferRequest.newBuilder().setModelName("m.image").build()))
        .isEqualTo("m");
    assertThat(RequestedModel.name(ModelInferRequest.newBuilder().setModelName("m.text").build()))
        .isEqualTo("m");
    assertThat(RequestedModel.name(ModelInferRequest.newBuilder().setModelName("m").build()))
        .isEqualTo("m");
  }

  @Test
  void somethingElseNamesNoModel() {
    assertThat(RequestedModel.name("not a message")).isEmpty();
    assertThat(RequestedModel.version("not a message")).isZero();
  }
}
