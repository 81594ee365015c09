package dev.mapiagent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of an example snapshot posing as its own PC (a fresh MachineGuid, so tests do not share a device),
 * and the real agent jar run on it as a process.
 */
final class AgentSnapshot {

    private static final Pattern MACHINE_GUID = Pattern.compile("(\"MachineGuid\"=\")([^\"]+)(\")");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final String deviceId = UUID.randomUUID().toString();
    private final Path agentJar;
    private final Path config;

    AgentSnapshot(Path examples, String example, Path temp, Path agentJar, String collectorUrl) throws IOException {
        this.dir = temp.resolve(example + "-" + deviceId);
        this.agentJar = agentJar;
        copy(examples.resolve(example), dir);
        editRegistry(text -> {
            Matcher m = MACHINE_GUID.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("example " + example + " has no MachineGuid");
            }
            return m.replaceFirst("$1" + deviceId + "$3");
        });
        this.config = temp.resolve("agent-" + deviceId + ".json");
        Files.writeString(config, "{\"collectorUrl\": \"" + collectorUrl + "\", \"enrollSecret\": \""
                + CollectorProcess.ENROLL_SECRET + "\", \"startDelayMaxSeconds\": 0}");
    }

    /** Adds a machine policy to the snapshot's registry.reg. */
    void addMachinePolicy(String name, String value) throws IOException {
        editRegistry(text -> text + "\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\MapiAgent]\r\n\"" + name + "\"=\"" + value
                + "\"\r\n");
    }

    /** registry.reg as text: a regedit export (UTF-16LE with BOM) or a hand-written UTF-8 file. */
    String registryText() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("registry.reg"));
        return utf16(bytes) ? new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE)
                : new String(bytes, StandardCharsets.UTF_8);
    }

    private static boolean utf16(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE;
    }

    record Run(int exitCode, String out, String err) {
    }

    Run runOnce() throws IOException, InterruptedException {
        return runOnce(List.of());
    }

    Run runOnce(List<String> jvmOptions) throws IOException, InterruptedException {
        Process p = agent(jvmOptions, "--once").start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("agent did not finish within 120 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** The logon mode as policy leaves it by default: resident, long-polling; the caller stops it. */
    Process startResident() throws IOException {
        Process p = agent(List.of()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        return p;
    }

    private ProcessBuilder agent(List<String> jvmOptions, String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", agentJar.toString(), "run"));
        command.addAll(List.of(options));
        command.addAll(List.of("--snapshot", dir.toString(), "--config", config.toString()));
        return new ProcessBuilder(command);
    }

    Path stateFolder() {
        return dir.resolve("LocalAppData").resolve("MapiAgent");
    }

    String agentLog() throws IOException {
        return Files.readString(stateFolder().resolve("logs").resolve("agent.log"));
    }

    /** The reportIds waiting in the spool, oldest first. */
    List<String> spooledReportIds() throws IOException {
        Path spool = stateFolder().resolve("spool");
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(spool)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(spool)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).sorted().toList()) {
                JsonNode envelope = JSON.readTree(f.toFile());
                ids.add(envelope.path("body").path("reportId").asText());
            }
        }
        return ids;
    }

    private interface Edit {
        String apply(String text);
    }

    private void editRegistry(Edit edit) throws IOException {
        Path reg = dir.resolve("registry.reg");
        String text = edit.apply(registryText());
        if (!utf16(Files.readAllBytes(reg))) {
            Files.writeString(reg, text, StandardCharsets.UTF_8);
            return;
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Files.write(reg, withBom);
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }
}
