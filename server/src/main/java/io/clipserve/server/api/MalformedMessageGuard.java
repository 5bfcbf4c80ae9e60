package io.clipserve.server.api;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.util.List;

/**
 * Answers a request message that does not parse (bad protobuf, invalid UTF-8 in a string field)
 * with INVALID_ARGUMENT and logs nothing. grpc-java parses a message in the request marshaller
 * before any interceptor sees it, and an exception there closes the call with UNKNOWN and logs a
 * SEVERE stack trace; so each method's marshaller is wrapped to hand on {@code null} instead, and
 * the call's listener closes the call when it receives that {@code null}. Stateless.
 */
final class MalformedMessageGuard {
  private MalformedMessageGuard() {}

  /** {@code service} with every method guarded; the descriptors keep their schema (reflection). */
  static ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    List<ServerMethodDefinition<?, ?>> methods = service.getMethods().stream()
        .<ServerMethodDefinition<?, ?>>map(MalformedMessageGuard::guard).toList();
    ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
        .setSchemaDescriptor(original.getSchemaDescriptor());
    methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
    ServerServiceDefinition.Builder guarded = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(guarded::addMethod);
    return guarded.build();
  }

  private static <Q, A> ServerMethodDefinition<Q, A> guard(ServerMethodDefinition<Q, A> method) {
    MethodDescriptor<Q, A> original = method.getMethodDescriptor();
    MethodDescriptor<Q, A> lenient = original.toBuilder(
        new NullOnFailure<>(original.getRequestMarshaller()), original.getResponseMarshaller())
        .build();
    ServerCallHandler<Q, A> handler = method.getServerCallHandler();
    String type = original.getFullMethodName();
    return ServerMethodDefinition.create(lenient,
        (call, headers) -> new Rejecting<>(handler.startCall(call, headers), call, type));
  }

  /** Parses with the original marshaller; a message that does not parse becomes null. */
  private record NullOnFailure<Q>(MethodDescriptor.Marshaller<Q> delegate)
      implements MethodDescriptor.Marshaller<Q> {
    @Override
    public InputStream stream(Q value) {
      return delegate.stream(value);
    }

    @Override
    public Q parse(InputStream stream) {
      try {
        return delegate.parse(stream);
      } catch (StatusRuntimeException e) {
        return null;
      }
    }
  }

  /** Closes the call at the first null message and forwards nothing more to the handler. */
  private static final class Rejecting<Q, A>
      extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
    private final ServerCall<Q, A> call;
    private final String method;
    private boolean rejected;

    Rejecting(ServerCall.Listener<Q> delegate, ServerCall<Q, A> call, String method) {
      super(delegate);
      this.call = call;
      this.method = method;
    }

    @Override
    public void onMessage(Q message) {
      if (rejected) {
        return;
      }
      if (message == null) {
        rejected = true;
        call.close(Status.INVALID_ARGUMENT.withDescription("the request message of " + method
            + " does not parse: not a valid protobuf encoding, or a string field is not valid"
            + " UTF-8"), new Metadata());
        return;
      }
      super.onMessage(message);
    }

    @Override
    public void onHalfClose() {
      if (!rejected) {
        super.onHalfClose();
      }
    }

    @Override
    public void onReady() {
      if (!rejected) {
        super.onReady();
      }
    }
  }
}
