package org.telcocdn.controller;

/** An edge as the broker lists it, with the capacity the allocation may spend on it. */
record SiteEdge(String name, String url, String site, String state, long capacityBytes) {}
