package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clipserve.server.preprocess.text.ftfy.TextFixer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Texts generated here (fragments of mojibake in six codecs, entities, quotes, widths, controls,
 * CJK, emoji and random code points, joined at random) go to ftfy and open_clip themselves through
 * {@code tools/reference_open_clip.py --stdin}; the Java port must give the same fixed text,
 * cleaned text and ids for every one. Runs when the Python named by CLIPSERVE_OPENCLIP_PYTHON
 * (default python3) imports ftfy, regex, torch and open_clip's tokenizer; skipped otherwise.
 */
class OpenClipLiveTest {

  private static final String PYTHON =
      System.getenv().getOrDefault("CLIPSERVE_OPENCLIP_PYTHON", "python3");
  private static final Path SCRIPT = Path.of(System.getProperty("clipserve.root", ".."))
      .resolve("tools/reference_open_clip.py");
  private static final String[] FRAGMENTS = {
    "café", "naïve façade", "Größe", "Zażółć gęślą", "Съешь ещё", "Γειά σου", "çağ", "l’été",
    "“quoted”", "don’t", "ＡＢＣ１２３", "ｶﾀｶﾅ", "ﬁne ﬂow", "&amp;", "&amp;amp;", "&lt;b&gt;",
    "&#39;", "&#x1F600;", "&eacute;", "&EACUTE;", "&notit;", "<", "\u00a0", "\ufeff", "\u0000",
    "\u001b[1m", "\u0085", "\r\n", "\u2028", "猫的照片", "東京", "😀👍🏽", "ᾳͅ", "İ", "ΣΟΦΟΣ",
    "<|endoftext|>", "<start_of_text>", "<end_of_text>", "it's", "we'll", "½°™©", "…–—", "€£",
  };
  private static final Charset[] MOJIBAKE = {
    Charset.forName("windows-1252"), StandardCharsets.ISO_8859_1, Charset.forName("windows-1251"),
    Charset.forName("windows-1250"), Charset.forName("IBM437"), Charset.forName("x-MacRoman"),
  };

  @Test
  void javaEqualsFtfyAndOpenClipOnGeneratedTexts() throws Exception {
    assumeTrue(pythonHasOpenClip(), PYTHON + " cannot import ftfy and open_clip's tokenizer");
    List<String> texts = texts(new Random(18), 600);
    JsonArray expected = runPython(texts);
    TextTokenizer tokenizer = TextTokenizers.load(new TokenizerSpec(
        TokenizerSpec.Kind.OPENAI_CLIP_BPE, TestFiles.openClipBpe(), false, 77, 0));
    TextFixer fixer = new TextFixer();
    OpenClipTextCleaner cleaner = new OpenClipTextCleaner();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      JsonObject reference = expected.get(i).getAsJsonObject();
      String what = "text " + i + ": " + new Gson().toJson(text);
      assertThat(fixer.fixText(text)).as(what).isEqualTo(reference.get("fixed").getAsString());
      assertThat(cleaner.clean(text)).as(what).isEqualTo(reference.get("cleaned").getAsString());
      long[] ids = new long[77];
      for (int j = 0; j < ids.length; j++) {
        ids[j] = reference.getAsJsonArray("ids").get(j).getAsLong();
      }
      assertThat(tokenizer.tokenize(text).ids()).as(what).isEqualTo(ids);
    }
  }

  private static List<String> texts(Random random, int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(6);
      for (int p = 0; p < parts; p++) {
        String fragment = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
        int kind = random.nextInt(10);
        if (kind < 4) {
          Charset codec = MOJIBAKE[random.nextInt(MOJIBAKE.length)];
          fragment = new String(fragment.getBytes(StandardCharsets.UTF_8), codec);
        } else if (kind == 4) {
          int cp;
          do {
            cp = random.nextInt(0x3000);
          } while (Character.isSurrogate((char) cp));
          fragment = new String(Character.toChars(cp));
        }
        text.append(fragment).append(random.nextBoolean() ? " " : "");
      }
      out.add(text.toString());
    }
    return out;
  }

  private static boolean pythonHasOpenClip() {
    try {
      Process check = new ProcessBuilder(PYTHON, "-c", "import ftfy, regex, torch, importlib.util;"
          + " assert importlib.util.find_spec('open_clip')").redirectErrorStream(true).start();
      check.getInputStream().readAllBytes();
      return check.waitFor(120, TimeUnit.SECONDS) && check.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JsonArray runPython(List<String> texts) throws Exception {
    Process python = new ProcessBuilder(PYTHON, SCRIPT.toString(), "--stdin")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (OutputStream in = python.getOutputStream()) {
      in.write(new Gson().toJson(texts).getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as(output).isZero();
    JsonElement parsed = JsonParser.parseString(output);
    assertThat(parsed.getAsJsonArray()).hasSize(texts.size());
    return parsed.getAsJsonArray();
  }
}
