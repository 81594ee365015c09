package dev.mapiagent.bench;

import dev.mapiagent.bench.Api.Agent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/reports} requests of enrolled devices as bytes, round robin over the devices: each device's
 * request (headers, its token, its report) is serialised once, and every request is a copy with a new reportId
 * written in, so every report is a distinct, valid report of its device and making one costs the client a copy.
 */
final class ReportRequests implements Supplier<byte[]> {

    private static final byte[] PLACEHOLDER = SampleReports.ID_PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);

    /** One device's request bytes and where its reportId goes. */
    private record Template(byte[] bytes, int[] idOffsets) {
    }

    private final List<Template> templates;
    private int next;

    ReportRequests(String baseUrl, List<Agent> agents) {
        List<Template> built = new ArrayList<>();
        for (Agent agent : agents) {
            byte[] body = new SampleReports(agent.deviceId(), agent.number()).template().getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST /api/v1/reports HTTP/1.1\r\nHost: " + RawLoad.host(baseUrl)
                    + "\r\nContent-Type: application/json\r\nAuthorization: Bearer " + agent.token()
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = new byte[head.length + body.length];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(body, 0, bytes, head.length, body.length);
            built.add(new Template(bytes, offsets(bytes)));
        }
        this.templates = List.copyOf(built);
    }

    /**
     * The next device's request with a new reportId made as the agent makes them ({@link SampleReports#newReportId};
     * not thread-safe: one client thread calls it).
     */
    @Override
    public byte[] get() {
        Template template = templates.get(next);
        next = (next + 1) % templates.size();
        byte[] request = template.bytes().clone();
        byte[] id = SampleReports.newReportId().getBytes(StandardCharsets.US_ASCII);
        for (int offset : template.idOffsets()) {
            System.arraycopy(id, 0, request, offset, id.length);
        }
        return request;
    }

    private static int[] offsets(byte[] bytes) {
        List<Integer> found = new ArrayList<>();
        for (int at = RawPollers.indexOf(bytes, bytes.length, PLACEHOLDER, 0); at >= 0;
             at = RawPollers.indexOf(bytes, bytes.length, PLACEHOLDER, at + PLACEHOLDER.length)) {
            found.add(at);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("report template without a reportId placeholder");
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }
}
