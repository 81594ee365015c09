package dev.mapiagent.agent.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.OutlookSection;
import dev.mapiagent.protocol.Report;
import dev.mapiagent.protocol.Severity;
import dev.mapiagent.protocol.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SummaryLineTest {

    private static Report report(Verdict verdict, MapiProtocol protocol, List<Finding> findings) {
        return new Report(Report.SCHEMA_VERSION, "r", "d", "PC-1", "ann", Instant.EPOCH, "test", verdict, protocol,
                findings, OutlookSection.notFound(), null, null, null, null);
    }

    private static Finding finding(String code) {
        return new Finding(code, Severity.WARNING, "m", null, null);
    }

    @Test
    void carriesVerdictProtocolAndEachFindingCodeOnceWithItsCount() {
        String line = SummaryLine.of(report(Verdict.DEGRADED, MapiProtocol.RPC_HTTP, List.of(
                finding("MAPIHTTP_DISABLED_REGISTRY"), finding("CONNECTION_FALLBACK"), finding("CONNECTION_FALLBACK"))));

        assertEquals("mapi-agent: DEGRADED protocol=RPC_HTTP findings=MAPIHTTP_DISABLED_REGISTRY,CONNECTION_FALLBACKx2",
                line);
    }

    @Test
    void saysNoneWithoutFindings() {
        assertEquals("mapi-agent: HEALTHY protocol=MAPI_HTTP findings=none",
                SummaryLine.of(report(Verdict.HEALTHY, MapiProtocol.MAPI_HTTP, List.of())));
    }

    @Test
    void staysWithinIntunesLimitAndSaysHowManyCodesItLeftOut() {
        List<Finding> many = IntStream.range(0, 200).mapToObj(i -> finding("MAPI_ENDPOINT_UNREACHABLE_" + i)).toList();

        String line = SummaryLine.of(report(Verdict.FAILING, MapiProtocol.UNKNOWN, many));

        assertTrue(line.length() <= SummaryLine.MAX_LENGTH, "length " + line.length());
        assertTrue(line.matches(".*,\\+\\d+ more"), line.substring(line.length() - 40));
        assertFalse(line.contains("\n"));
    }
}
