package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.EventLog;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.WINDOWS)
class WindowsEventLogTest {

    /** The entry is read back from the Application log with wevtutil (its EventData holds the message). */
    @Test
    void anEventIsReadBackFromTheApplicationLog() throws Exception {
        String marker = "mapi-agent test event " + UUID.randomUUID();
        List<String> fallback = new ArrayList<>();
        EventLog log = new WindowsEventLog((level, id, message) -> fallback.add(id + " " + message));

        log.write(EventLog.Level.INFORMATION, 1000, marker);

        assertEquals(List.of(), fallback, "the event went to the fallback log");
        String found = wevtutil("qe", "Application", "/q:*[System[Provider[@Name='" + WindowsEventLog.SOURCE
                + "'] and (EventID=1000)]]", "/c:20", "/rd:true", "/f:xml");
        assertTrue(found.contains(marker), found);
    }

    private static String wevtutil(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wevtutil"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // wevtutil writes in the console's code page
        String output = new String(process.getInputStream().readAllBytes(), Charset.forName(System.getProperty("native.encoding",
                System.getProperty("sun.jnu.encoding"))));
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
