package org.telcocdn.common.http;

/**
 * The two kinds of listener a service has (docs/security.md). The viewer listener carries only what
 * players and browsers need, public and with CORS; the control listener carries everything else,
 * over mutual TLS, each route open only to the callers its {@link Access} names. A route lives on
 * one listener: asked for on the other, it does not exist (404), so the viewer listener never
 * reveals the control API.
 */
public enum Listener {
  VIEWER,
  CONTROL
}
