package io.clipserve.server.http.rest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.clipserve.server.ServingException;
import io.clipserve.server.api.CallGate;
import io.clipserve.server.api.GrpcErrors;
import io.grpc.Status;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a REST call: admitted by the {@link CallGate} (refused while the server drains, counted
 * until answered), its body parsed from the proto's JSON mapping, its answer printed the same
 * way, its failure answered as {@link #error}. Immutable; any thread.
 */
@Singleton
public final class RestCalls {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private final CallGate gate;

  public RestCalls(CallGate gate) {
    this.gate = gate;
  }

  /** The call's answer as 200 with the response message in JSON, or its failure mapped. */
  public <M extends Message> CompletableFuture<HttpResponse<?>> answer(
      Supplier<CompletableFuture<M>> call) {
    CompletableFuture<M> future;
    try {
      future = gate.admit(call);
    } catch (Throwable e) {
      return CompletableFuture.completedFuture(error(e));
    }
    return future.handle((message, error) -> error != null ? error(error) : ok(message));
  }

  /**
   * Merges a JSON body ({@code null} or blank: an empty message) into {@code builder}.
   *
   * @throws ServingException INVALID_ARGUMENT naming the message type and what is wrong
   */
  public static <B extends Message.Builder> B parse(String body, B builder) {
    if (body == null || body.isBlank()) {
      return builder;
    }
    try {
      PARSER.merge(body, builder);
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw ServingException.invalidArgument("the body is not a "
          + builder.getDescriptorForType().getFullName() + " in the proto's JSON mapping: "
          + e.getMessage());
    }
    return builder;
  }

  /** A failure as its HTTP status with {@code {"code": <gRPC code name>, "message"}}. */
  public static HttpResponse<?> error(Throwable failure) {
    Status status = GrpcErrors.toStatus(failure);
    String message = status.getDescription() == null ? "" : status.getDescription();
    return HttpResponse.status(GrpcErrors.httpStatus(status.getCode()), status.getCode().name())
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(errorBody(status.getCode().name(), message));
  }

  /** A REST error body: {@code {"code": <gRPC code name>, "message"}}. */
  public static Map<String, String> errorBody(String code, String message) {
    return Map.of("code", code, "message", message);
  }

  private static HttpResponse<?> ok(Message message) {
    try {
      return HttpResponse.ok(PRINTER.print(message)).contentType(MediaType.APPLICATION_JSON_TYPE);
    } catch (InvalidProtocolBufferException e) {
      return error(e);
    }
  }
}
