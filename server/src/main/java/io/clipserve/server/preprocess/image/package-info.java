/**
 * Turns image bytes into encoder pixel tensors, exactly as the reference pipelines do.
 *
 * <p>Decode into the mode Pillow opens the file in, resize as Pillow's {@code Image.resize} does
 * for that mode ({@link io.clipserve.server.preprocess.image.ImageSpec.Resize}), then convert to
 * RGB as Pillow's {@code convert('RGB')}, as the reference pipelines do; scale to [0, 1] and
 * normalise, written channel-major into a caller's buffer.
 *
 * <p>Image decoding goes through the JDK's ImageIO readers; JPEG pixels equal Pillow's because
 * Debian's OpenJDK links the system libjpeg-turbo that Pillow uses (Temurin's bundled libjpeg gave
 * the same pixels on every test image too). The references are written by
 * tools/reference_images.py; tools/bench_preprocess.sh compares throughput with Pillow.
 *
 * <p>What a decode may cost is bounded ({@link io.clipserve.server.preprocess.image.DecodeLimits}):
 * pixels from the header and JPEG scans from the markers before decoding, decode time while it
 * runs; a decode also stops when its caller's
 * {@link io.clipserve.server.preprocess.image.StopCheck} says so.
 *
 * <p>Everything here is pure Java, is thread-safe after construction, and knows nothing of gRPC,
 * of the model repository or of text.
 */
package io.clipserve.server.preprocess.image;
