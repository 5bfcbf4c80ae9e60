package io.clipserve.server.api;

import io.clipserve.server.security.AccessTokens;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import jakarta.inject.Singleton;

/**
 * What every clipserve service call passes before it reaches the service: the bearer-token check
 * (outermost), its connection's {@link ConnectionQuota} put in its context, and the
 * {@link MalformedMessageGuard}. Stateless; any thread.
 */
@Singleton
final class CallGuards {
  private final BearerTokenInterceptor tokens;

  CallGuards(AccessTokens tokens) {
    this.tokens = new BearerTokenInterceptor(tokens);
  }

  ServerServiceDefinition guard(BindableService service) {
    // The last interceptor given runs first.
    return ServerInterceptors.intercept(MalformedMessageGuard.guard(service.bindService()),
        ConnectionQuota.interceptor(), tokens);
  }
}
