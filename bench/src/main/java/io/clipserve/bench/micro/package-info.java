/**
 * Micro-benchmarks of the server's hot paths, run by hand (they are mains, not tests, so
 * {@code mvn verify} does not run them): {@link io.clipserve.bench.micro.PreprocessBenchmark}
 * (preprocessing against Pillow, through {@code tools/bench_preprocess.sh}),
 * {@link io.clipserve.bench.micro.RowHandoffBenchmark} (the preprocessing-to-batch row handoff)
 * and {@link io.clipserve.bench.micro.TokenizerThroughput} (BERT WordPiece on short texts). Each
 * runs on the calling thread.
 */
package io.clipserve.bench.micro;
