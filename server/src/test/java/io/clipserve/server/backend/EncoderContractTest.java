package io.clipserve.server.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipserve.server.backend.InputRole;
import io.clipserve.server.testing.TestRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every backend must pass, whatever the engine: signature checks on load, fixed-batch
 * detection, and outputs equal to the reference model's whatever the batch a row is in. A
 * subclass names the provider and the file extension of its encoders, and skips (with a message)
 * where its engine cannot run.
 */
public abstract class EncoderContractTest {
  protected static final Path DYNAMIC = TestRepository.BUNDLED.resolve(TestRepository.TINY);
  protected static final Path FIXED = TestRepository.FIXTURES.resolve("cn-clip-tiny-b1");

  protected abstract EncoderProvider provider();

  /** The encoder file of a tiny model directory, for this engine (e.g. 1/text.onnx). */
  protected abstract Path encoderFile(Path modelDir, String encoder);

  private EncoderSpec textSpec(Path modelDir, String input, int dim, int maxBatch) {
    return new EncoderSpec("test/1/text", encoderFile(modelDir, "text"), provider().backend(),
        List.of(new InputSpec(input, InputRole.INPUT_IDS, ElementType.INT64, 52)), "unnorm_text_features", dim, maxBatch, 1, 0);
  }

  private static JsonNode reference() throws Exception {
    return new ObjectMapper().readTree(FIXED.resolve("reference.json").toFile());
  }

  private static long[] ids(JsonNode text) {
    long[] ids = new long[52];
    for (int i = 0; i < text.get("ids").size(); i++) {
      ids[i] = text.get("ids").get(i).asLong();
    }
    return ids;
  }

  private static int dim() throws Exception {
    return reference().get("texts").get(0).get("embedding").size();
  }

  private static double cosine(float[] a, int offset, JsonNode b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < b.size(); i++) {
      double x = a[offset + i], y = b.get(i).asDouble();
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void batchedRowsEqualTheReferenceModel() throws Exception {
    JsonNode texts = reference().get("texts");
    int dim = dim();
    try (Encoder encoder = provider().load(textSpec(DYNAMIC, "text", dim, 8))) {
      assertThat(encoder.maxBatchSize()).isEqualTo(8);
      InputTensors tensors = new InputTensors(encoder.spec().inputs(), 8);
      for (int r = 0; r < texts.size(); r++) {
        tensors.putIds(InputRole.INPUT_IDS, r, ids(texts.get(r)));
      }
      float[] out = encoder.run(tensors, texts.size());
      assertThat(out).hasSize(texts.size() * dim);
      for (int r = 0; r < texts.size(); r++) {
        assertThat(cosine(out, r * dim, texts.get(r).get("embedding"))).isGreaterThan(0.99999);
        float[] alone = encoder.run(single(encoder, ids(texts.get(r))), 1);
        assertThat(cosine(alone, 0, texts.get(r).get("embedding"))).isGreaterThan(0.99999);
      }
    }
  }

  private static InputTensors single(Encoder encoder, long[] ids) {
    InputTensors tensors = new InputTensors(encoder.spec().inputs(), 1);
    tensors.putIds(InputRole.INPUT_IDS, 0, ids);
    return tensors;
  }

  @Test
  void aFixedBatchExportTakesOneItemPerRun() throws Exception {
    JsonNode text = reference().get("texts").get(0);
    try (Encoder encoder = provider().load(textSpec(FIXED, "text", dim(), 32))) {
      assertThat(encoder.maxBatchSize()).isEqualTo(1);
      assertThat(encoder.fileMaxBatchSize()).isEqualTo(1);
      assertThat(cosine(encoder.run(single(encoder, ids(text)), 1), 0, text.get("embedding")))
          .isGreaterThan(0.99999);
    }
  }

  @Test
  void aSignatureMismatchFailsTheLoadNamingIt() throws Exception {
    assertThatThrownBy(() -> provider().load(textSpec(DYNAMIC, "input_ids", dim(), 8)))
        .isInstanceOf(EncoderException.class).hasMessageContaining("no input named 'input_ids'");
    assertThatThrownBy(() -> provider().load(textSpec(DYNAMIC, "text", dim() + 1, 8)))
        .isInstanceOf(EncoderException.class).hasMessageContaining("embedding_dim");
  }
}
