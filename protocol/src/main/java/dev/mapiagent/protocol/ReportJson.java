package dev.mapiagent.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.mapiagent.protocol.AutodiscoverSection.AutodiscoverFile;
import dev.mapiagent.protocol.CredentialsSection.CredentialEntry;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A {@link Report} as JSON written with jackson-core's generator alone: the very text
 * {@code ProtocolJson.documents().writerWithDefaultPrettyPrinter().writeValueAsString(report)} gives (every
 * component in declaration order, nulls written, {@link Severity} in its lower-case contract spelling), without
 * building an {@code ObjectMapper}: the mapper and its introspection of the report's records cost
 * {@code diagnose --json} about 240 ms of a cold start. A component added to a report record must be added here
 * too; {@code ReportJsonTest} fails until it is.
 */
public final class ReportJson {

    private ReportJson() {
    }

    /** Indented as databind's default pretty printer indents, without a line end after the closing brace. */
    public static String pretty(Report report) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = ProtocolJson.factory().createGenerator(text)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            object(json, report, ReportJson::report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void report(JsonGenerator json, Report report) throws IOException {
        json.writeNumberField("schemaVersion", report.schemaVersion());
        json.writeStringField("reportId", report.reportId());
        json.writeStringField("deviceId", report.deviceId());
        json.writeStringField("hostname", report.hostname());
        json.writeStringField("user", report.user());
        json.writeStringField("createdAt", report.createdAt() == null ? null : InstantJson.format(report.createdAt()));
        json.writeStringField("agentVersion", report.agentVersion());
        json.writeStringField("verdict", name(report.verdict()));
        json.writeStringField("protocol", name(report.protocol()));
        objects(json, "findings", report.findings(), ReportJson::finding);
        object(json, "outlook", report.outlook(), ReportJson::outlook);
        object(json, "mapiHttp", report.mapiHttp(), ReportJson::mapiHttp);
        object(json, "autodiscover", report.autodiscover(), ReportJson::autodiscover);
        object(json, "credentials", report.credentials(), ReportJson::credentials);
        object(json, "connectionStatus", report.connectionStatus(), ReportJson::connectionStatus);
    }

    private static void finding(JsonGenerator json, Finding finding) throws IOException {
        json.writeStringField("code", finding.code());
        json.writeStringField("severity", severity(finding.severity()));
        json.writeStringField("message", finding.message());
        json.writeStringField("evidence", finding.evidence());
        json.writeStringField("remedy", finding.remedy());
    }

    private static void outlook(JsonGenerator json, OutlookSection outlook) throws IOException {
        json.writeBooleanField("installed", outlook.installed());
        json.writeStringField("productName", outlook.productName());
        json.writeStringField("version", outlook.version());
        json.writeStringField("installType", outlook.installType());
        json.writeStringField("channel", outlook.channel());
        json.writeStringField("bitness", outlook.bitness());
        json.writeBooleanField("mapiHttpCapable", outlook.mapiHttpCapable());
        json.writeStringField("source", outlook.source());
    }

    private static void mapiHttp(JsonGenerator json, MapiHttpSection mapiHttp) throws IOException {
        json.writeStringField("userKey", mapiHttp.userKey());
        number(json, "userValue", mapiHttp.userValue());
        json.writeStringField("policyKey", mapiHttp.policyKey());
        number(json, "policyValue", mapiHttp.policyValue());
    }

    private static void autodiscover(JsonGenerator json, AutodiscoverSection autodiscover) throws IOException {
        objects(json, "files", autodiscover.files(), ReportJson::autodiscoverFile);
        bool(json, "mapiHttpOffered", autodiscover.mapiHttpOffered());
    }

    private static void autodiscoverFile(JsonGenerator json, AutodiscoverFile file) throws IOException {
        json.writeStringField("path", file.path());
        json.writeStringField("emailAddress", file.emailAddress());
        json.writeBooleanField("mapiHttp", file.mapiHttp());
        strings(json, "mailStoreUrls", file.mailStoreUrls());
        strings(json, "addressBookUrls", file.addressBookUrls());
        json.writeStringField("error", file.error());
    }

    private static void credentials(JsonGenerator json, CredentialsSection credentials) throws IOException {
        objects(json, "office", credentials.office(), ReportJson::credential);
    }

    private static void credential(JsonGenerator json, CredentialEntry credential) throws IOException {
        json.writeStringField("target", credential.target());
        json.writeStringField("type", credential.type());
        json.writeStringField("user", credential.user());
        json.writeStringField("persist", credential.persist());
    }

    private static void connectionStatus(JsonGenerator json, ConnectionStatusSection status) throws IOException {
        json.writeStringField("source", status.source());
        json.writeStringField("dialect", status.dialect());
        json.writeStringField("protocol", name(status.protocol()));
        objects(json, "rows", status.rows(), ReportJson::connectionRow);
        objects(json, "unreadable", status.unreadable(), ReportJson::unreadableLine);
    }

    private static void connectionRow(JsonGenerator json, ConnectionRow row) throws IOException {
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
    }

    private static void unreadableLine(JsonGenerator json, UnreadableLine line) throws IOException {
        json.writeNumberField("line", line.line());
        json.writeStringField("text", line.text());
        json.writeStringField("reason", line.reason());
    }

    /** The spelling of Severity's {@code @JsonProperty}; the switch stops compiling when a severity is added. */
    private static String severity(Severity severity) {
        if (severity == null) {
            return null;
        }
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "info";
        };
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

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        array(json, field, values, JsonGenerator::writeString);
    }

    private static <T> void objects(JsonGenerator json, String field, List<T> values, Writes<T> fields)
            throws IOException {
        array(json, field, values, (element, value) -> object(element, value, fields));
    }

    private static <T> void array(JsonGenerator json, String field, List<T> values, Writes<T> elements)
            throws IOException {
        json.writeFieldName(field);
        if (values == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (T value : values) {
            elements.write(json, value);
        }
        json.writeEndArray();
    }

    private static <T> void object(JsonGenerator json, String field, T value, Writes<T> fields) throws IOException {
        json.writeFieldName(field);
        object(json, value, fields);
    }

    private static <T> void object(JsonGenerator json, T value, Writes<T> fields) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        fields.write(json, value);
        json.writeEndObject();
    }

    /** Writes one value's part of the JSON: an object's fields, or one element of an array. */
    @FunctionalInterface
    private interface Writes<T> {
        void write(JsonGenerator json, T value) throws IOException;
    }
}
