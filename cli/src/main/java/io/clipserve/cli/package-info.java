/**
 * The {@code clipserve} command line client, built on picocli over
 * {@link io.clipserve.client.ClipServeClient}. Free of ONNX Runtime and of the server: the load
 * generator {@code bench} lives in the bench module, which adds it to this root command.
 *
 * <p>Commands: {@code embed}, {@code similarity}, {@code classify}, {@code models} (with
 * {@code models load NAME} and {@code models unload NAME}); {@code --version} prints the
 * project's version. {@code --target host:port} (default {@code localhost:8001}) and
 * {@code --deadline-ms} go before or after the command name; the model commands take
 * {@code --model} and {@code --model-version}. Output is for people by default; {@code --json}
 * prints the proto3 JSON mapping of the response on one line ({@code embed}: one line per input).
 *
 * <p>Exit codes: 0 success, 1 a local failure (an unreadable file), 2 a usage error, and
 * 64 + the gRPC status code when the server (or the channel) fails the call, as grpcurl does;
 * the status is printed on stderr.
 *
 * <p><b>Adding a command</b>: write a picocli {@code @Command} class, extend
 * {@link io.clipserve.cli.ClientCommand} when it talks to one server (it then gets an open client
 * for {@code --target} and {@code --deadline-ms}, whose {@code channel()} serves the generated
 * stubs for streaming), and add the class to the {@code subcommands} of
 * {@link io.clipserve.cli.ClipServeCli}, or, from another module, pass it to
 * {@code ClipServeCli(List)}. Mix in {@code JsonOption} for {@code --json} output, or give
 * {@code --json} a meaning of its own.
 */
package io.clipserve.cli;
