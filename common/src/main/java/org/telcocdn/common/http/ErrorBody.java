package org.telcocdn.common.http;

/** The JSON body of every error response of every service. */
public record ErrorBody(String error, String message) {}
