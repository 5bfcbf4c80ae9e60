/**
 * Who may call what: the bearer tokens of the two roles, read from the files the settings name,
 * and the check of a presented token, independent of the transport (the gRPC edge and the HTTP
 * filter map its answer to their own status codes).
 */
package io.clipserve.server.security;
