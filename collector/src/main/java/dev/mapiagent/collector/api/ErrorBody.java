package dev.mapiagent.collector.api;

/** The one error shape of the API (DESIGN.md §6). */
public record ErrorBody(String error, String detail) {
}
