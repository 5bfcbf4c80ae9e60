/**
 * {@code clipserve bench} on the command line: the {@code bench} command
 * ({@link io.clipserve.bench.cli.BenchCommand}), its options and report, and the main class
 * {@link io.clipserve.bench.cli.BenchMain} that adds it to the CLI's root command.
 */
package io.clipserve.bench.cli;
