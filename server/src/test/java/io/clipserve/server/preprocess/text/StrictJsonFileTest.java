package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link StrictJsonFile} refuses before native code sees a file, and what it passes on. */
class StrictJsonFileTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty file                 ||                                is empty
      control character          | {"type": "Meta\u0001"}         | not strict JSON at line 1, column 15
      unterminated string        | {"type": "Metaspace            | not strict JSON at line 1
      duplicate key              | {"a": 1, "a": 2}               | Duplicate field 'a'
      trailing content           | {"a": 1} {"b": 2}              | content after the JSON value
      trailing comma             | {"a": [1, 2,]}                 | not strict JSON at line 1
      comment                    | {"a": 1 /* one */}             | not strict JSON at line 1
      lone high surrogate escape | {"a": "x\\ud800y"}             | surrogate U+D800 unpaired
      lone low surrogate key     | {"\\udc00": 1}                 | surrogate U+DC00 unpaired
      """)
  void refusesWithTheFileAndWhere(String what, String json, String message) throws IOException {
    Path file = write(json == null ? "" : json.replace("\\u0001", "\u0001"));
    assertThatThrownBy(() -> StrictJsonFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(message);
  }

  @Test
  void refusesBytesThatAreNotUtf8WithTheirOffset() throws IOException {
    Path file = dir.resolve("t.json");
    Files.write(file, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xEE, ' ', '"', '}'});
    assertThatThrownBy(() -> StrictJsonFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not UTF-8: invalid byte at offset 6");
  }

  @Test
  void refusesTheFileFuzzingFoundToAbortTheJvm() {
    Path file = TestFiles.resource("tokenizers/decoder_type_with_control_character.json");
    assertThatThrownBy(() -> StrictJsonFile.read(file)).isInstanceOf(IOException.class);
  }

  @Test
  void passesStrictJsonOnAsItsExactText() throws IOException {
    String json = "{\"emoji\": \"😀\", \"escaped\": \"\\ud83d\\ude00\", \"n\": [1, 2.5, null]}\n";
    assertThat(StrictJsonFile.read(write(json))).isEqualTo(json);
    Path real = TestFiles.resource(HfFixtures.XLMR);
    assertThat(StrictJsonFile.read(real)).isEqualTo(Files.readString(real));
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("t.json"), text, StandardCharsets.UTF_8);
  }
}
