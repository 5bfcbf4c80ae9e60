package io.clipserve.server.inference;

import io.clipserve.proto.v1.Input;
import io.clipserve.server.ServingException;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.batching.Reservation;
import io.clipserve.server.pipeline.ImagePipeline;
import io.clipserve.server.pipeline.TextPipeline;
import io.clipserve.server.preprocess.image.InvalidImageException;
import io.clipserve.server.preprocess.text.TokenizedText;
import io.clipserve.server.registry.LoadedVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Encodes a request's list of {@link Input}s with one model version: checks every input first
 * (kinds and {@link RequestLimits}), reserves queue room for all of them at once (so a request is
 * refused whole when the queue is full), then submits each under a {@link RequestScope}: once one
 * item fails, the others are dropped before they decode or run, and the request fails with the
 * first failure. The room of items that never reach the queue goes back when all are done.
 * Stateless.
 */
final class InputEncoder {
  private InputEncoder() {}

  /**
   * @param field the request field, for messages naming an input ({@code inputs[3]})
   * @param raw true: the encoder's output as is; false: L2-normalised
   */
  static CompletableFuture<List<EncodedInput>> encode(LoadedVersion version, List<Input> inputs,
      String field, boolean raw, CallScope scope, RequestLimits limits) {
    if (inputs.isEmpty()) {
      throw ServingException.invalidArgument(field + " is empty");
    }
    limits.checkCount(field, inputs.size());
    int images = 0;
    for (int i = 0; i < inputs.size(); i++) {
      Input input = inputs.get(i);
      switch (input.getContentCase()) {
        case IMAGE -> {
          version.requireImage();
          if (input.getImage().isEmpty()) {
            throw ServingException.invalidArgument(field + "[" + i + "]: the image is empty");
          }
          images++;
        }
        case TEXT -> {
          version.requireText();
          limits.checkText(field + "[" + i + "]", input.getTextBytes().size());
        }
        default -> throw ServingException.invalidArgument(field + "[" + i + "] has neither text nor image");
      }
    }
    int texts = inputs.size() - images;
    Reservation imageRoom = images > 0 ? version.requireImage().batcher().reserve(images) : null;
    Reservation textRoom;
    try {
      textRoom = texts > 0 ? version.requireText().batcher().reserve(texts) : null;
    } catch (RuntimeException e) {
      close(imageRoom, null);
      throw e;
    }
    RequestScope request = new RequestScope(scope);
    Executor lane = images > 0 ? version.requireImage().lane() : null;
    List<CompletableFuture<EncodedInput>> results = new ArrayList<>(inputs.size());
    try {
      for (int i = 0; i < inputs.size(); i++) {
        Input input = inputs.get(i);
        Reservation room = input.getContentCase() == Input.ContentCase.IMAGE ? imageRoom : textRoom;
        results.add(encodeOne(version, input, field + "[" + i + "]", raw, room, request, lane)
            .whenComplete((vector, error) -> {
              if (error != null) {
                request.failed(error);
              }
            }));
      }
    } catch (Throwable e) {
      request.failed(e);
      throw e;
    } finally {
      // Only once every started item is queued or failed may the rest of the room go back.
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
          .whenComplete((done, error) -> close(imageRoom, textRoom));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .handle((done, error) -> {
          if (error != null) {
            throw request.firstFailureOr(error);
          }
          return results.stream().map(CompletableFuture::join).toList();
        });
  }

  private static void close(Reservation imageRoom, Reservation textRoom) {
    if (imageRoom != null) {
      imageRoom.close();
    }
    if (textRoom != null) {
      textRoom.close();
    }
  }

  private static CompletableFuture<EncodedInput> encodeOne(LoadedVersion version, Input input, String name,
      boolean raw, Reservation room, CallScope scope, Executor lane) {
    if (input.getContentCase() == Input.ContentCase.IMAGE) {
      ImagePipeline image = version.requireImage();
      boolean normalize = !raw && !image.outputNormalized();
      return image.encode(input.getImage().toByteArray(), room, scope, lane)
          .handle((vector, error) -> {
            if (error != null) {
              throw namingInput(name, error);
            }
            return new EncodedInput(normalize ? Vectors.normalize(vector) : vector, false);
          });
    }
    TextPipeline text = version.requireText();
    TokenizedText tokens = text.tokenize(input.getText());
    boolean normalize = !raw && !text.outputNormalized();
    return text.encode(tokens, room, scope)
        .thenApply(vector -> new EncodedInput(normalize ? Vectors.normalize(vector) : vector, tokens.truncated()));
  }

  /** Bad image bytes become INVALID_ARGUMENT naming the input; other failures pass unchanged. */
  private static CompletionException namingInput(String name, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof InvalidImageException) {
      return new CompletionException(ServingException.invalidArgument(name + ": " + cause.getMessage()));
    }
    return error instanceof CompletionException c ? c : new CompletionException(cause);
  }
}
