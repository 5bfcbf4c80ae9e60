package io.clipserve.server.inference;

import com.google.protobuf.ByteString;
import com.google.protobuf.ProtocolStringList;
import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.server.ServingException;
import io.clipserve.server.config.ServerSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The per-request limits of {@code clipserve.limits.*}: inputs per list, UTF-8 bytes per text,
 * prompts per Classify and bytes per filled prompt. Checked before any work is queued and before
 * any prompt is built; each refusal is INVALID_ARGUMENT naming the field and the setting.
 * Immutable and thread-safe.
 */
@Singleton
public final class RequestLimits {
  private final int maxInputs;
  private final int maxTextBytes;
  private final int maxClassifyPrompts;

  @Inject
  public RequestLimits(ServerSettings settings) {
    this(settings.getLimits().getMaxInputs(), settings.getLimits().getMaxTextBytes(),
        settings.getLimits().getMaxClassifyPrompts());
  }

  RequestLimits(int maxInputs, int maxTextBytes, int maxClassifyPrompts) {
    this.maxInputs = maxInputs;
    this.maxTextBytes = maxTextBytes;
    this.maxClassifyPrompts = maxClassifyPrompts;
  }

  /**
   * Embed's input count, checked: what a transport admits against its own bounds (a connection's
   * quota), so that an oversized request is refused for its own limit first.
   */
  public int inputs(EmbedRequest request) {
    checkCount("inputs", request.getInputsCount());
    return request.getInputsCount();
  }

  /** Similarity's queries plus candidates, each list checked; see {@link #inputs(EmbedRequest)}. */
  public int inputs(SimilarityRequest request) {
    checkCount("candidates", request.getCandidatesCount());
    checkCount("queries", request.getQueriesCount());
    return request.getQueriesCount() + request.getCandidatesCount();
  }

  /** Classify's images plus labels, each list checked; see {@link #inputs(EmbedRequest)}. */
  public int inputs(ClassifyRequest request) {
    checkCount("labels", request.getLabelsCount());
    checkCount("images", request.getImagesCount());
    return request.getImagesCount() + request.getLabelsCount();
  }

  /** A list field (or a v2 tensor) of {@code count} entries. */
  public void checkCount(String field, long count) {
    if (count > maxInputs) {
      throw ServingException.invalidArgument(field + " has " + count
          + " entries; limit clipserve.limits.max-inputs = " + maxInputs);
    }
  }

  /** One text of {@code utf8Bytes}, named as {@code inputs[3]}. */
  void checkText(String name, long utf8Bytes) {
    if (utf8Bytes > maxTextBytes) {
      throw ServingException.invalidArgument(name + ": the text is " + utf8Bytes
          + " bytes (UTF-8); limit clipserve.limits.max-text-bytes = " + maxTextBytes);
    }
  }

  /** A list of texts: its length and each text's bytes. */
  void checkTexts(String field, ProtocolStringList texts) {
    checkCount(field, texts.size());
    List<ByteString> utf8 = texts.asByteStringList();
    for (int i = 0; i < utf8.size(); i++) {
      checkText(field + "[" + i + "]", utf8.get(i).size());
    }
  }

  /**
   * Classify's prompts, from their sizes alone: labels × templates, and each template filled
   * ({@code "{}"} replaced) with the longest label.
   */
  void checkPrompts(ProtocolStringList labels, ProtocolStringList templates) {
    long prompts = (long) labels.size() * templates.size();
    if (prompts > maxClassifyPrompts) {
      throw ServingException.invalidArgument("labels × templates = " + labels.size() + " × "
          + templates.size() + " = " + prompts
          + " prompts; limit clipserve.limits.max-classify-prompts = " + maxClassifyPrompts);
    }
    List<ByteString> labelBytes = labels.asByteStringList();
    int longest = 0;
    for (int i = 1; i < labelBytes.size(); i++) {
      if (labelBytes.get(i).size() > labelBytes.get(longest).size()) {
        longest = i;
      }
    }
    List<ByteString> templateBytes = templates.asByteStringList();
    for (int t = 0; t < templates.size(); t++) {
      long slots = slots(templates.get(t));
      long filled = templateBytes.get(t).size() + slots * (labelBytes.get(longest).size() - 2L);
      checkText("templates[" + t + "] filled with labels[" + longest + "]", filled);
    }
  }

  /** The {@code "{}"} a template's label replaces, counted as String.replace finds them. */
  private static long slots(String template) {
    long count = 0;
    for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", at + 2)) {
      count++;
    }
    return count;
  }
}
