package io.clipserve.server.api;

import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.server.security.AccessTokens;
import io.clipserve.server.security.Role;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses calls to the services it guards without the bearer token their role needs
 * ({@code authorization: Bearer <token>} metadata): UNAUTHENTICATED without a token,
 * PERMISSION_DENIED with one not accepted for the role. LoadModel and UnloadModel need
 * {@link Role#ADMIN}, every other guarded call {@link Role#INFERENCE}. Health and reflection are
 * not guarded. Never logs or echoes a token. Stateless; any thread.
 */
final class BearerTokenInterceptor implements ServerInterceptor {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Set<String> ADMIN_METHODS = Set.of(
      ModelServiceGrpc.getLoadModelMethod().getFullMethodName(),
      ModelServiceGrpc.getUnloadModelMethod().getFullMethodName());

  private final AccessTokens tokens;

  BearerTokenInterceptor(AccessTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
      ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Role role = ADMIN_METHODS.contains(method) ? Role.ADMIN : Role.INFERENCE;
    String roleName = role.name().toLowerCase(Locale.ROOT);
    Status refusal = switch (tokens.check(role, headers.get(AUTHORIZATION))) {
      case ALLOWED -> null;
      case MISSING -> Status.UNAUTHENTICATED.withDescription(method + " needs a bearer token"
          + " (metadata authorization: Bearer <token>) of the " + roleName + " role (--"
          + roleName + "-token-file)");
      case DENIED -> Status.PERMISSION_DENIED.withDescription("the bearer token is not accepted"
          + " for " + method + ", which needs the " + roleName + " role (--" + roleName
          + "-token-file)");
    };
    if (refusal == null) {
      return next.startCall(call, headers);
    }
    call.close(refusal, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
