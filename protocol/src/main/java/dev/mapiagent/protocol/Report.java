package dev.mapiagent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What one diagnosis of one PC found: the document {@code diagnose --json} prints and the collector
 * stores. Its JSON Schema is {@code report.schema.json} beside this class.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Report(
        int schemaVersion,
        String reportId,
        String deviceId,
        String hostname,
        String user,
        Instant createdAt,
        String agentVersion,
        Verdict verdict,
        MapiProtocol protocol,
        List<Finding> findings,
        OutlookSection outlook,
        MapiHttpSection mapiHttp,
        AutodiscoverSection autodiscover,
        CredentialsSection credentials,
        ConnectionStatusSection connectionStatus) {

    public static final int SCHEMA_VERSION = 1;
}
