package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.host.DevUrandom;
import dev.mapiagent.agent.host.RandomIds;
import dev.mapiagent.agent.host.windows.WindowsHost;

/** Ids from this OS's cryptographic random source: BCryptGenRandom on Windows, /dev/urandom elsewhere. */
final class OsRandomIds {

    private OsRandomIds() {
    }

    static RandomIds create() {
        return new RandomIds(System.getProperty("os.name", "").startsWith("Windows")
                ? WindowsHost.randomSource() : DevUrandom.SYSTEM);
    }
}
