/** Readiness, start-up failures and log formats, seen from outside: sockets and processes. */
package io.clipserve.server.lifecycle;
