package io.clipserve.client;
