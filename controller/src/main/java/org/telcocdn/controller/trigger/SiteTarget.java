package org.telcocdn.controller.trigger;

/** An UP edge of a target site, where units are pushed. */
public record SiteTarget(String site, String edge, String edgeUrl) {}
