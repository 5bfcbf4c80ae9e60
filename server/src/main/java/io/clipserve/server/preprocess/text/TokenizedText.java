package io.clipserve.server.preprocess.text;

import java.util.List;

/**
 * One text as the encoder sees it.
 *
 * @param ids token ids padded with the model's pad id to the context length
 * @param attentionMask 1 for each token, 0 for padding; same length as {@code ids}
 * @param tokens the token strings before padding, special tokens included
 * @param truncated whether the text had more tokens than fit and was cut
 */
public record TokenizedText(long[] ids, long[] attentionMask, List<String> tokens, boolean truncated) {}
