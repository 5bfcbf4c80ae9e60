/**
 * Micro-benchmarks of the server's hot paths, run by hand, never by {@code mvn verify}: the JMH
 * benchmarks {@link io.clipserve.bench.micro.RowHandoffBenchmark} (the preprocessing-to-batch row
 * handoff) and {@link io.clipserve.bench.micro.TokenizerBenchmark} (BERT WordPiece on short
 * texts), run with {@code bin/clipserve bench-jmh [JMH options] [NAME REGEX]}; and
 * {@link io.clipserve.bench.micro.PreprocessBenchmark}, preprocessing against Pillow in one run
 * (a main, as it alternates with a Python process; through {@code tools/bench_preprocess.sh}).
 * They read the test data from env {@code CLIPSERVE_TESTDATA}, else {@code testdata/}.
 */
package io.clipserve.bench.micro;
