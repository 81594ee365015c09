package dev.mapiagent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.protocol.AutodiscoverSection.AutodiscoverFile;
import dev.mapiagent.protocol.CredentialsSection.CredentialEntry;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The report streamed by jackson-core is, byte for byte, what databind's pretty printer writes. */
class ReportJsonTest {

    /** Text that must be escaped, text that must not, and text from past the Basic Multilingual Plane. */
    private static final String AWKWARD = "Ann \"the admin\" O'Neil \\\\server\\share\n\r\t\b\f\u0000\u0001\u001f\u007f"
            + " é ß 中文 😀 \u2028\u2029 </script> &amp;";

    static Report everyComponentSet() {
        return new Report(Report.SCHEMA_VERSION, "7d7c2a3e-0c57-4c4b-9a0e-2b8f0f2f9b11", AWKWARD, "PC-0042",
                "contoso\\ann", Instant.parse("2026-11-25T08:00:00.000100Z"), "0.1.0", Verdict.FAILING,
                MapiProtocol.RPC_HTTP,
                List.of(new Finding("MAPIHTTP_DISABLED_REGISTRY", Severity.ERROR, AWKWARD, "evidence", "enable-mapihttp"),
                        new Finding("CONNECTION_FALLBACK", Severity.WARNING, "fell back", null, null),
                        new Finding("AUTODISCOVER_NO_CACHE", Severity.INFO, "no cache", "LocalAppData", null)),
                new OutlookSection(true, "Microsoft 365 Apps for enterprise", "16.0.17029.20108", "ClickToRun",
                        "Current Channel", "x64", true, "HKLM\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration"),
                new MapiHttpSection("HKCU\\Software\\Microsoft\\Exchange", Long.MAX_VALUE,
                        "HKCU\\Software\\Policies\\Microsoft\\Exchange", Long.MIN_VALUE),
                new AutodiscoverSection(List.of(new AutodiscoverFile("Microsoft/Outlook/x - Autodiscover.xml",
                        "ann@contoso.com", true, List.of("https://outlook.contoso.com/mapi/emsmdb/?MailboxId=a@b", AWKWARD),
                        List.of("https://outlook.contoso.com/mapi/nspi/"), AWKWARD)), true),
                new CredentialsSection(List.of(new CredentialEntry("MicrosoftOffice16_Data:SSPI:ann@contoso.com",
                        "generic", "ann@contoso.com", "local_machine"))),
                new ConnectionStatusSection("snapshot", "OUTLOOK", MapiProtocol.MAPI_HTTP,
                        List.of(new ConnectionRow(3, "outlook.office365.com", "ann@contoso.com", "Mail", "HTTP",
                                MapiProtocol.UNKNOWN, "Established", false, Integer.MAX_VALUE, Integer.MIN_VALUE,
                                "Bearer*")),
                        List.of(new UnreadableLine(7, AWKWARD, "too few columns"))));
    }

    static Report everyNullableComponentNull() {
        return new Report(0, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static Report everyNestedNullableComponentNull() {
        List<Finding> noFinding = new ArrayList<>();
        noFinding.add(null);
        return new Report(-1, "", "", "", "", Instant.EPOCH, "", Verdict.UNKNOWN, MapiProtocol.UNKNOWN, noFinding,
                new OutlookSection(false, null, null, null, null, null, false, null),
                new MapiHttpSection(null, null, null, null),
                new AutodiscoverSection(List.of(new AutodiscoverFile(null, null, false, null, null, null)), null),
                new CredentialsSection(null),
                new ConnectionStatusSection(null, null, null, List.of(new ConnectionRow(0, null, null, null, null,
                        null, null, null, null, null, null)), null));
    }

    static Report everyListEmpty() {
        return new Report(1, "r", "d", "h", "u", Instant.parse("2026-02-28T23:59:59.999Z"), "v", Verdict.HEALTHY,
                MapiProtocol.MAPI_HTTP, List.of(), OutlookSection.notFound(), new MapiHttpSection("k", 0L, "p", 1L),
                new AutodiscoverSection(List.of(new AutodiscoverFile("p", "e", true, List.of(), List.of(), null)), false),
                new CredentialsSection(List.of()), new ConnectionStatusSection("stdin", "RUNBOOK", MapiProtocol.UNKNOWN,
                        List.of(), List.of()));
    }

    static Stream<Report> randomReports() {
        return IntStream.range(0, 300).mapToObj(seed -> new RandomReports(seed).next());
    }

    static Stream<Report> everyVerdictProtocolAndSeverity() {
        return Arrays.stream(Verdict.values()).flatMap(verdict -> Arrays.stream(MapiProtocol.values())
                .flatMap(protocol -> Arrays.stream(Severity.values()).map(severity -> new Report(1, "r", "d", "h",
                        "u", Instant.EPOCH, "v", verdict, protocol, List.of(new Finding("C", severity, "m", null, null)),
                        null, null, null, null, new ConnectionStatusSection("s", "OUTLOOK", protocol,
                                List.of(new ConnectionRow(1, "s", null, "Mail", "HTTP", protocol, "OK", true, 1, 0,
                                        null)), List.of())))));
    }

    private static String databind(Report report) throws Exception {
        return ProtocolJson.documents().writerWithDefaultPrettyPrinter().writeValueAsString(report);
    }

    @Test
    void aReportWithEveryComponentSetIsWrittenAsDatabindWritesIt() throws Exception {
        assertEquals(databind(everyComponentSet()), ReportJson.pretty(everyComponentSet()));
    }

    @Test
    void aReportWithEveryNullableComponentNullIsWrittenAsDatabindWritesIt() throws Exception {
        assertEquals(databind(everyNullableComponentNull()), ReportJson.pretty(everyNullableComponentNull()));
    }

    @Test
    void nullsInsideTheSectionsAndTheirListsAreWrittenAsDatabindWritesThem() throws Exception {
        assertEquals(databind(everyNestedNullableComponentNull()), ReportJson.pretty(everyNestedNullableComponentNull()));
    }

    @Test
    void emptyListsAreWrittenAsDatabindWritesThem() throws Exception {
        assertEquals(databind(everyListEmpty()), ReportJson.pretty(everyListEmpty()));
    }

    @ParameterizedTest
    @MethodSource("everyVerdictProtocolAndSeverity")
    void everyVerdictProtocolAndSeverityIsWrittenAsDatabindWritesIt(Report report) throws Exception {
        assertEquals(databind(report), ReportJson.pretty(report));
    }

    @ParameterizedTest
    @MethodSource("randomReports")
    void aRandomReportIsWrittenAsDatabindWritesIt(Report report) throws Exception {
        assertEquals(databind(report), ReportJson.pretty(report));
    }

    @Test
    void everyComponentOfEveryReportRecordIsWrittenInDeclarationOrder() throws Exception {
        assertComponentsWritten(Report.class, JsonTrees.read(ReportJson.pretty(everyComponentSet())), "$");
    }

    @Test
    void aReportItWritesIsValidAgainstTheReportSchema() throws Exception {
        assertEquals(List.of(), ProtocolSchema.REPORT.validate(
                JsonTrees.read(ReportJson.pretty(ReportSchemaTest.sampleReport()))));
    }

    /** Walks the record types beside the JSON: a component the writer does not know is missing from its object. */
    private static void assertComponentsWritten(Class<?> record, JsonNode object, String path) {
        assertNotNull(object, path + " is missing: everyComponentSet() must set it");
        RecordComponent[] components = record.getRecordComponents();
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        assertEquals(Stream.of(components).map(RecordComponent::getName).toList(), keys, path);
        for (RecordComponent component : components) {
            JsonNode value = object.get(component.getName());
            String at = path + "." + component.getName();
            if (component.getType().isRecord()) {
                assertComponentsWritten(component.getType(), value, at);
            } else if (component.getType() == List.class && elementType(component).isRecord()) {
                assertComponentsWritten(elementType(component), value.get(0), at + "[0]");
            }
        }
    }

    private static Class<?> elementType(RecordComponent list) {
        Type element = ((ParameterizedType) list.getGenericType()).getActualTypeArguments()[0];
        return (Class<?>) element;
    }
}
