package dev.mapiagent.bench;

import dev.mapiagent.bench.Api.Agent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many resident agents on one thread: each holds one keep-alive connection with a {@code GET
 * /api/v1/commands?wait=N} open, sending the next as soon as one is answered. Plain sockets and a selector instead
 * of an HTTP client, so tens of thousands of connections fit in one process, and each connection binds its own
 * loopback source address (127.0.0.1, 127.0.0.2, …; a few thousand per address), so the count is not bounded by one
 * address's ephemeral ports nor by the collector's connections per client address.
 */
final class RawPollers implements AutoCloseable {

    private static final Pattern COMMAND_ID = Pattern.compile("\"commandId\"\\s*:\\s*\"([^\"]+)\"");
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress server;
    private final String host;
    private final Selector selector;
    private final Queue<Poller> toOpen = new ArrayDeque<>();
    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param perAddress connections per loopback source address (below the collector's limit per client address)
     * @param waitSeconds the agents' wait, spread by up to ±5 s so their waits do not all end together
     */
    RawPollers(String baseUrl, List<Agent> agents, int waitSeconds, int perAddress) {
        URI uri = URI.create(baseUrl);
        this.server = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.host = uri.getHost() + ":" + uri.getPort();
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < agents.size(); i++) {
            int wait = Math.max(1, Math.min(60, waitSeconds + (i % 11) - 5));
            toOpen.add(new Poller(agents.get(i), wait, loopback(1 + i / perAddress)));
        }
        thread = new Thread(this::loop, "raw-pollers");
        thread.setDaemon(true);
        thread.start();
    }

    /** 127.0.0.n for n = 1…254, then 127.0.1.0 and on. */
    private static InetAddress loopback(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (n >> 8), (byte) n});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loop() {
        while (running) {
            try {
                // connect gradually: a few hundred per turn keeps the accept queue short
                for (int i = 0; i < 200 && !toOpen.isEmpty(); i++) {
                    toOpen.poll().open();
                }
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    Poller p = (Poller) key.attachment();
                    try {
                        if (key.isValid() && key.isConnectable()) {
                            p.connected();
                        } else if (key.isValid() && key.isWritable()) {
                            p.write();
                        } else if (key.isValid() && key.isReadable()) {
                            p.read();
                        }
                    } catch (IOException | RuntimeException e) {
                        p.failed(e);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                error(e);
            }
        }
    }

    private void error(Throwable e) {
        if (running) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, e.toString());
        }
    }

    /** When the command reached its agent (System.nanoTime), or null. */
    Long deliveredAt(String commandId) {
        return deliveredAt.get(commandId);
    }

    boolean awaitDelivered(Collection<String> commandIds, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!deliveredAt.keySet().containsAll(commandIds)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Collectors.sleep(20);
        }
        return true;
    }

    long duplicates() {
        return duplicates.get();
    }

    String errors() {
        return errors.get() == 0 ? "0" : errors.get() + " (" + firstError.get() + ")";
    }

    long reconnects() {
        return reconnects.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | InterruptedException ignored) {
            // the bench is ending
        }
    }

    /** One agent's connection and the response it is reading. */
    private final class Poller {
        private final Agent agent;
        private final InetAddress local;
        private final ByteBuffer request;
        private ByteBuffer response = ByteBuffer.allocate(1024);
        private SocketChannel channel;
        private SelectionKey key;

        Poller(Agent agent, int waitSeconds, InetAddress local) {
            this.agent = agent;
            this.local = local;
            this.request = ByteBuffer.wrap(("GET /api/v1/commands?wait=" + waitSeconds + " HTTP/1.1\r\nHost: " + host
                    + "\r\nAuthorization: Bearer " + agent.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }

        void open() throws IOException {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(local, 0));
            key = channel.register(selector, 0, this);
            if (channel.connect(server)) {
                connected();
            } else {
                key.interestOps(SelectionKey.OP_CONNECT);
            }
        }

        void connected() throws IOException {
            channel.finishConnect();
            send();
        }

        private void send() throws IOException {
            request.rewind();
            response.clear();
            write();
        }

        void write() throws IOException {
            channel.write(request);
            key.interestOps(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        void read() throws IOException {
            if (!response.hasRemaining()) {
                response = ByteBuffer.allocate(response.capacity() * 2).put(response.flip());
            }
            if (channel.read(response) < 0) {
                throw new IOException("connection closed by the collector");
            }
            long now = System.nanoTime();
            String body = completeBody();
            if (body == null) {
                return;
            }
            Matcher m = COMMAND_ID.matcher(body);
            while (m.find()) {
                if (deliveredAt.putIfAbsent(m.group(1), now) != null) {
                    duplicates.incrementAndGet();
                }
            }
            if (response.capacity() > 1024) {
                response = ByteBuffer.allocate(1024);
            }
            send();
        }

        /** The body once the whole response has arrived (Content-Length or chunked), else null. */
        private String completeBody() throws IOException {
            byte[] bytes = response.array();
            int length = response.position();
            int headerEnd = indexOf(bytes, length, HEADER_END, 0);
            if (headerEnd < 0) {
                return null;
            }
            String head = new String(bytes, 0, headerEnd, StandardCharsets.US_ASCII);
            if (!head.startsWith("HTTP/1.1 200")) {
                throw new IOException("answer to " + agent.deviceId() + ": " + head.lines().findFirst().orElse(""));
            }
            int bodyStart = headerEnd + HEADER_END.length;
            Matcher contentLength = Pattern.compile("(?i)\r\ncontent-length:\\s*(\\d+)").matcher(head);
            if (contentLength.find()) {
                int size = Integer.parseInt(contentLength.group(1));
                return length - bodyStart < size ? null : new String(bytes, bodyStart, size, StandardCharsets.UTF_8);
            }
            // chunked: complete at the last chunk; the chunk sizes in between do not matter to the id search
            return indexOf(bytes, length, "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), bodyStart - 2) < 0
                    ? null : new String(bytes, bodyStart, length - bodyStart, StandardCharsets.UTF_8);
        }

        void failed(Exception e) {
            error(e);
            try {
                channel.close();
            } catch (IOException ignored) {
                // reopened below
            }
            if (running) {
                reconnects.incrementAndGet();
                toOpen.add(this);
            }
        }
    }

    /** Where the needle starts in bytes[from, length), or -1. */
    static int indexOf(byte[] bytes, int length, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
