package dev.mapiagent.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.mapiagent.protocol.AutodiscoverSection.AutodiscoverFile;
import dev.mapiagent.protocol.CredentialsSection.CredentialEntry;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Report} as JSON written with jackson-core's generator alone: the very text
 * {@code ProtocolJson.documents().writerWithDefaultPrettyPrinter().writeValueAsString(report)} gives (every
 * component in declaration order, nulls written, {@link Severity} in its lower-case contract spelling), without
 * building an {@code ObjectMapper}: the mapper and its introspection of the report's records cost
 * {@code diagnose --json} about 240 ms of a cold start. A component added to a report record must be added here
 * too; {@code ReportJsonTest} fails until it is. Plain loops rather than lambdas: each lambda is a class spun at
 * start.
 */
public final class ReportJson {

    private ReportJson() {
    }

    /** Indented as databind's default pretty printer indents, without a line end after the closing brace. */
    public static String pretty(Report report) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = ProtocolJson.factory().createGenerator(text)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            report(json, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void report(JsonGenerator json, Report report) throws IOException {
        if (!startObject(json, report)) {
            return;
        }
        json.writeNumberField("schemaVersion", report.schemaVersion());
        json.writeStringField("reportId", report.reportId());
        json.writeStringField("deviceId", report.deviceId());
        json.writeStringField("hostname", report.hostname());
        json.writeStringField("user", report.user());
        json.writeStringField("createdAt", report.createdAt() == null ? null : InstantText.format(report.createdAt()));
        json.writeStringField("agentVersion", report.agentVersion());
        json.writeStringField("verdict", name(report.verdict()));
        json.writeStringField("protocol", name(report.protocol()));
        if (startArray(json, "findings", report.findings())) {
            for (Finding finding : report.findings()) {
                finding(json, finding);
            }
            json.writeEndArray();
        }
        json.writeFieldName("outlook");
        outlook(json, report.outlook());
        json.writeFieldName("mapiHttp");
        mapiHttp(json, report.mapiHttp());
        json.writeFieldName("autodiscover");
        autodiscover(json, report.autodiscover());
        json.writeFieldName("credentials");
        credentials(json, report.credentials());
        json.writeFieldName("connectionStatus");
        connectionStatus(json, report.connectionStatus());
        json.writeEndObject();
    }

    private static void finding(JsonGenerator json, Finding finding) throws IOException {
        if (!startObject(json, finding)) {
            return;
        }
        json.writeStringField("code", finding.code());
        json.writeStringField("severity", severity(finding.severity()));
        json.writeStringField("message", finding.message());
        json.writeStringField("evidence", finding.evidence());
        json.writeStringField("remedy", finding.remedy());
        json.writeEndObject();
    }

    private static void outlook(JsonGenerator json, OutlookSection outlook) throws IOException {
        if (!startObject(json, outlook)) {
            return;
        }
        json.writeBooleanField("installed", outlook.installed());
        json.writeStringField("productName", outlook.productName());
        json.writeStringField("version", outlook.version());
        json.writeStringField("installType", outlook.installType());
        json.writeStringField("channel", outlook.channel());
        json.writeStringField("bitness", outlook.bitness());
        json.writeBooleanField("mapiHttpCapable", outlook.mapiHttpCapable());
        json.writeStringField("source", outlook.source());
        json.writeEndObject();
    }

    private static void mapiHttp(JsonGenerator json, MapiHttpSection mapiHttp) throws IOException {
        if (!startObject(json, mapiHttp)) {
            return;
        }
        json.writeStringField("userKey", mapiHttp.userKey());
        number(json, "userValue", mapiHttp.userValue());
        json.writeStringField("policyKey", mapiHttp.policyKey());
        number(json, "policyValue", mapiHttp.policyValue());
        json.writeEndObject();
    }

    private static void autodiscover(JsonGenerator json, AutodiscoverSection autodiscover) throws IOException {
        if (!startObject(json, autodiscover)) {
            return;
        }
        if (startArray(json, "files", autodiscover.files())) {
            for (AutodiscoverFile file : autodiscover.files()) {
                autodiscoverFile(json, file);
            }
            json.writeEndArray();
        }
        bool(json, "mapiHttpOffered", autodiscover.mapiHttpOffered());
        json.writeEndObject();
    }

    private static void autodiscoverFile(JsonGenerator json, AutodiscoverFile file) throws IOException {
        if (!startObject(json, file)) {
            return;
        }
        json.writeStringField("path", file.path());
        json.writeStringField("emailAddress", file.emailAddress());
        json.writeBooleanField("mapiHttp", file.mapiHttp());
        strings(json, "mailStoreUrls", file.mailStoreUrls());
        strings(json, "addressBookUrls", file.addressBookUrls());
        json.writeStringField("error", file.error());
        json.writeEndObject();
    }

    private static void credentials(JsonGenerator json, CredentialsSection credentials) throws IOException {
        if (!startObject(json, credentials)) {
            return;
        }
        if (startArray(json, "office", credentials.office())) {
            for (CredentialEntry credential : credentials.office()) {
                credential(json, credential);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void credential(JsonGenerator json, CredentialEntry credential) throws IOException {
        if (!startObject(json, credential)) {
            return;
        }
        json.writeStringField("target", credential.target());
        json.writeStringField("type", credential.type());
        json.writeStringField("user", credential.user());
        json.writeStringField("persist", credential.persist());
        json.writeEndObject();
    }

    private static void connectionStatus(JsonGenerator json, ConnectionStatusSection status) throws IOException {
        if (!startObject(json, status)) {
            return;
        }
        json.writeStringField("source", status.source());
        json.writeStringField("dialect", status.dialect());
        json.writeStringField("protocol", name(status.protocol()));
        if (startArray(json, "rows", status.rows())) {
            for (ConnectionRow row : status.rows()) {
                connectionRow(json, row);
            }
            json.writeEndArray();
        }
        if (startArray(json, "unreadable", status.unreadable())) {
            for (UnreadableLine line : status.unreadable()) {
                unreadableLine(json, line);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void connectionRow(JsonGenerator json, ConnectionRow row) throws IOException {
        if (!startObject(json, row)) {
            return;
        }
        json.writeNumberField("line", row.line());
        json.writeStringField("server", row.server());
        json.writeStringField("smtpAddress", row.smtpAddress());
        json.writeStringField("type", row.type());
        json.writeStringField("protocolText", row.protocolText());
        json.writeStringField("protocol", name(row.protocol()));
        json.writeStringField("status", row.status());
        bool(json, "connected", row.connected());
        number(json, "requests", row.requests());
        number(json, "failures", row.failures());
        json.writeStringField("authn", row.authn());
        json.writeEndObject();
    }

    private static void unreadableLine(JsonGenerator json, UnreadableLine line) throws IOException {
        if (!startObject(json, line)) {
            return;
        }
        json.writeNumberField("line", line.line());
        json.writeStringField("text", line.text());
        json.writeStringField("reason", line.reason());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        if (startArray(json, field, values)) {
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
    }

    /** Opens the object, or writes {@code null} for a null record and returns false. */
    private static boolean startObject(JsonGenerator json, Record value) throws IOException {
        if (value == null) {
            json.writeNull();
            return false;
        }
        json.writeStartObject();
        return true;
    }

    /** Names the field and opens its array, or writes {@code null} for a null list and returns false. */
    private static boolean startArray(JsonGenerator json, String field, List<?> values) throws IOException {
        json.writeFieldName(field);
        if (values == null) {
            json.writeNull();
            return false;
        }
        json.writeStartArray();
        return true;
    }

    /**
     * The lower-case spelling Severity's {@code @JsonProperty} names give every constant; ReportJsonTest compares
     * each severity with databind's output.
     */
    private static String severity(Severity severity) {
        return severity == null ? null : severity.name().toLowerCase(Locale.ROOT);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** jackson-core writes a null string as {@code null}, as databind does; numbers and booleans need telling. */
    private static void number(JsonGenerator json, String field, Number value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value.longValue());
        }
    }

    private static void bool(JsonGenerator json, String field, Boolean value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeBoolean(value);
        }
    }
}
