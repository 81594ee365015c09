package dev.mapiagent.agent.run;

import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.StateFolder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One logon-mode agent per user: an OS file lock on {@code <state>/run.lock}, released when the process
 * ends however it ends (the file itself may stay; only the lock counts).
 */
public final class SingleInstance implements AutoCloseable {

    public static final String LOCK_FILE = StateFolder.LOCK;

    private final FileChannel channel;
    private final FileLock lock;

    private SingleInstance(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another agent of this user holds it. */
    public static Optional<SingleInstance> acquire(Path stateFolder) {
        Path file = stateFolder.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(stateFolder);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new SingleInstance(channel, lock));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return Optional.empty(); // held by this same JVM
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HostException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held any more
            }
        }
    }
}
