/**
 * Tests of what ships: {@code DistributionIT} unpacks the release tarball and runs it with no
 * Maven, no sources and (where {@code unshare -n} works) no network; {@code
 * KubernetesManifestsTest} validates every manifest under {@code deploy/} offline. The tests start
 * real processes (tar, bin/clipserve, kubectl) and own them: each is ended before its test returns.
 */
package io.clipserve.distribution;
