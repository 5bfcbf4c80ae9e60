package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI-CLIP-like tokenizer.json (tokenizers/clip_tiny.json: byte-level BPE with "</w>",
 * CLIP's split regex, RobertaProcessing) through {@link HfTextTokenizer}. Expected ids are derived
 * by hand: ids 0-255 are CLIP's byte alphabet in bytes_to_unicode order ('!' = 0, so an ASCII
 * character c is c - 33), 256-511 the same with "</w>", then the merges photo</w> 515,
 * cat</w> 517, of</w> 518, the</w> 520, dog</w> 522, cat 523; <|startoftext|> 524,
 * <|endoftext|> 525.
 */
class ClipTokenizerJsonTest {

  private static TextTokenizer clip;

  @BeforeAll
  static void load() throws IOException {
    clip = TextTokenizers.load(HfFixtures.spec(HfFixtures.CLIP, 77, 525));
  }

  @AfterAll
  static void close() {
    clip.close();
  }

  @Test
  void wrapsInStartAndEndOfText() {
    TokenizedText t = clip.tokenize("a photo of a cat");
    assertThat(t.tokens()).containsExactly(
        "<|startoftext|>", "a</w>", "photo</w>", "of</w>", "a</w>", "cat</w>", "<|endoftext|>");
    assertThat(t.ids()).isEqualTo(HfFixtures.padded(77, 525, 524, 320, 515, 518, 320, 517, 525));
    assertThat(t.attentionMask()).isEqualTo(HfFixtures.padded(77, 0, 1, 1, 1, 1, 1, 1, 1));
  }

  @Test
  void lowercasesAndCollapsesWhitespace() {
    assertThat(clip.tokenize("A PHOTO of\n\tthe DOG").ids()).startsWith(524, 320, 515, 518, 520, 522, 525);
  }

  @Test
  void appliesMergesByRank() {
    // c a t s</w>: "c a" (rank 4) then "ca t" (rank 11); nothing merges with s</w> (338).
    assertThat(clip.tokenize("cats").tokens()).containsExactly("<|startoftext|>", "cat", "s</w>", "<|endoftext|>");
    assertThat(clip.tokenize("cats").ids()).startsWith(524, 523, 338, 525);
    // CLIP's regex: "it" and "'s" are separate words; digits are one word each.
    assertThat(clip.tokenize("it's 2024").ids())
        .startsWith(524, 'i' - 33, 256 + 't' - 33, '\'' - 33, 256 + 's' - 33,
            256 + '2' - 33, 256 + '0' - 33, 256 + '2' - 33, 256 + '4' - 33, 525);
  }

  @Test
  void encodesOtherScriptsAsUtf8Bytes() {
    // 猫 = E7 8C AB: E7 is printable (index 106 + 0xE7 - 0xAE = 163), 8C is not (Į, 234),
    // AB is printable (94 + 0xAB - 0xA1 = 104, with </w> 360).
    TokenizedText cat = clip.tokenize("猫");
    assertThat(cat.tokens()).containsExactly("<|startoftext|>", "ç", "Į", "«</w>", "<|endoftext|>");
    assertThat(cat.ids()).startsWith(524, 163, 234, 360, 525);
    // 😂 = F0 9F 98 82 -> 172, 253, 246, 224 + 256.
    assertThat(clip.tokenize("😂").ids()).startsWith(524, 172, 253, 246, 480, 525);
  }

  @Test
  void truncatesAndKeepsEndOfText() throws IOException {
    try (TextTokenizer tokenizer = TextTokenizers.load(HfFixtures.spec(HfFixtures.CLIP, 5, 0))) {
      TokenizedText t = tokenizer.tokenize("a photo of a cat");
      assertThat(t.ids()).containsExactly(524, 320, 515, 518, 525);
      assertThat(t.truncated()).isTrue();
      assertThat(tokenizer.tokenize("").ids()).containsExactly(524, 525, 0, 0, 0);
    }
  }

  @Test
  void typedSpecialTokensAreSpecialAsInHuggingFacePython() {
    assertThat(clip.tokenize("a<|endoftext|>cat").ids()).startsWith(524, 320, 525, 517, 525, 525);
  }
}
