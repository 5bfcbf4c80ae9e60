/**
 * Hostile clients and hostile repository contents against the shared real server while
 * well-behaved clients keep embedding: {@link io.clipserve.it.hostile.AttackFixture} runs an
 * attack under that load and checks that nobody else noticed (no failures, memory back within
 * 10 %, models still load and unload). Each attack is a test naming the limit it runs into.
 */
package io.clipserve.it.hostile;
