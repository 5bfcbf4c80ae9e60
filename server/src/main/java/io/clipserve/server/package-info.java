package io.clipserve.server;
