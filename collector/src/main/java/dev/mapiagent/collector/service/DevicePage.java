package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.DeviceSummary;
import java.util.List;

/** {@code GET /api/v1/devices}: one page of the filtered list and how many devices the filter matches in all. */
public record DevicePage(List<DeviceSummary> devices, int total) {
}
