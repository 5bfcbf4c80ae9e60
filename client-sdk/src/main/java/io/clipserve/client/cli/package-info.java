/**
 * The {@code clipserve} command line client, built on picocli over
 * {@link io.clipserve.client.ClipServeClient}.
 *
 * <p>Commands: {@code embed}, {@code similarity}, {@code classify}, {@code models} (with
 * {@code models load NAME} and {@code models unload NAME}), and the load generator {@code bench}
 * ({@code bench --json FILE} writes its results to FILE). {@code --target host:port} (default
 * {@code localhost:8001}) and {@code --deadline-ms} go before or after the command name; the model
 * commands take {@code --model} and {@code --model-version}. Output is for people by default;
 * {@code --json} prints the proto3 JSON mapping of the response on one line ({@code embed}: one
 * line per input).
 *
 * <p>Exit codes: 0 success, 1 a local failure (an unreadable file), 2 a usage error, and
 * 64 + the gRPC status code when the server (or the channel) fails the call, as grpcurl does;
 * the status is printed on stderr.
 *
 * <p><b>Adding a command</b> (as {@code bench} was): write a picocli
 * {@code @Command} class in this package, extend {@code ClientCommand} when
 * it talks to one server (it then gets an open client for {@code --target} and
 * {@code --deadline-ms}, whose {@code channel()} serves the generated stubs for streaming), and add
 * the class to the {@code subcommands} of {@link io.clipserve.client.cli.ClipServeCli}. Mix in
 * {@code JsonOption} for {@code --json} output, or give {@code --json} a
 * meaning of its own.
 */
package io.clipserve.client.cli;
