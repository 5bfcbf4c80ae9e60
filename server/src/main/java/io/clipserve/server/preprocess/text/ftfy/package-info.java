/**
 * A Java port of Python's {@code ftfy.fix_text} (ftfy 6.3.1, default settings, as open_clip calls
 * it) and of Python's {@code html.unescape}, which open_clip runs on every text before its BPE.
 *
 * <p>The data ftfy works from (codec tables, its badness and UTF-8 detector regexes as sequences of
 * character sets, HTML entity tables) is not retyped: tools/reference_open_clip.py writes it from
 * the installed ftfy into {@code ftfy-tables.txt} beside these classes, and
 * {@link io.clipserve.server.preprocess.text.ftfy.FtfyTables} reads it once. Everything here is
 * pure Java, stateless or immutable, and safe to call from any thread.
 */
package io.clipserve.server.preprocess.text.ftfy;
