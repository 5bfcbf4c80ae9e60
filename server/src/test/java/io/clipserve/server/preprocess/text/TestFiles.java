package io.clipserve.server.preprocess.text;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test data and the test resources of the tokenizer tests. */
final class TestFiles {

  private TestFiles() {}

  /** The real Chinese-CLIP vocab.txt under the {@code clipserve.testdata} directory surefire sets. */
  static Path chineseClipVocab() {
    return vocab("chinese-clip-vocab.txt");
  }

  /** OpenAI CLIP's BPE merges as open_clip ships them, from the same directory. */
  static Path openClipBpe() {
    return vocab("bpe_simple_vocab_16e6.txt.gz");
  }

  private static Path vocab(String name) {
    String testdata = System.getProperty("clipserve.testdata");
    if (testdata == null) {
      throw new IllegalStateException("system property clipserve.testdata is not set (run via Maven)");
    }
    Path vocab = Path.of(testdata, "vocab", name);
    if (!Files.isRegularFile(vocab)) {
      throw new IllegalStateException("missing " + vocab);
    }
    return vocab;
  }

  static Path resource(String name) {
    try {
      return Path.of(TestFiles.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }

  static JsonObject json(String name) throws IOException {
    try (InputStream in = Files.newInputStream(resource(name));
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return JsonParser.parseReader(reader).getAsJsonObject();
    }
  }
}
