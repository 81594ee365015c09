package dev.mapiagent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A lean load client for the throughput runs: one selector thread drives a fixed set of keep-alive HTTP/1.1
 * connections, and each request is bytes made before it is sent (see {@link ReportRequests}: a report only gets its
 * new reportId written into a copy of its device's request). The bench shares the collector's cores, and the
 * asynchronous {@code java.net.http} client of the other scenarios spends about as much CPU per request as the
 * collector's own floor; what this client does not spend, the collector can use.
 *
 * <p>What is measured stays the same: a request counts as answered when its whole answer has arrived with an
 * expected status; any other status, a dropped connection or no answer within {@link #ANSWER_LIMIT} is an error.
 * The closed loop times each request from its send; the open loop from the moment it was due, so a request that
 * waits for a free connection (the collector is behind) counts its wait too.
 */
final class RawLoad {

    /** How long the run waits for the last answers after the last send. */
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(60);

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress server;
    private final Supplier<byte[]> requests;
    private final int[] expected;
    private final Selector selector;
    private final List<Connection> idle = new ArrayList<>();
    private final Latencies latencies = new Latencies();
    private long ok;
    private long errors;
    private String firstError;
    private int busy;

    private RawLoad(String baseUrl, Supplier<byte[]> requests, int[] expected) {
        URI uri = URI.create(baseUrl);
        this.server = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.requests = requests;
        this.expected = expected.clone();
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Host header value of a base URL (host:port), for the requests' bytes. */
    static String host(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return uri.getHost() + ":" + uri.getPort();
    }

    /** {@code GET /healthz} as bytes. */
    static byte[] healthz(String baseUrl) {
        return ("GET /healthz HTTP/1.1\r\nHost: " + host(baseUrl) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Keeps every one of {@code connections} busy with the next request, each sent as soon as the previous answer on
     * its connection arrived, until the limit passes.
     */
    static Load.Result closedLoop(String label, String baseUrl, int connections, Duration limit,
                                  Supplier<byte[]> requests, int... expected) {
        RawLoad load = new RawLoad(baseUrl, requests, expected);
        try {
            return load.runClosed(label, connections, limit);
        } finally {
            load.close();
        }
    }

    /** Sends {@code perSecond} requests a second for the duration over at most {@code connections} connections. */
    static Load.Result openLoop(String label, String baseUrl, int connections, double perSecond, Duration duration,
                                Supplier<byte[]> requests, int... expected) {
        RawLoad load = new RawLoad(baseUrl, requests, expected);
        try {
            return load.runOpen(label, connections, perSecond, duration);
        } finally {
            load.close();
        }
    }

    private Load.Result runClosed(String label, int connections, Duration limit) {
        open(connections);
        long start = System.nanoTime();
        long end = start + limit.toNanos();
        long giveUp = end + ANSWER_LIMIT.toNanos();
        while (true) {
            long now = System.nanoTime();
            while (now < end && !idle.isEmpty()) {
                send(idle.remove(idle.size() - 1), now);
                now = System.nanoTime();  // a send that failed at once gives its connection back
            }
            if ((now >= end && busy == 0) || now >= giveUp) {
                break;
            }
            select(now < end ? Math.max(1, (end - now) / 1_000_000) : 100);
        }
        return result(label, start);
    }

    private Load.Result runOpen(String label, int connections, double perSecond, Duration duration) {
        open(connections);
        long total = Math.round(perSecond * duration.toSeconds());
        double period = 1e9 / perSecond;
        ArrayDeque<Long> due = new ArrayDeque<>();
        long issued = 0;
        long start = System.nanoTime();
        long giveUp = start + duration.toNanos() + ANSWER_LIMIT.toNanos();
        while (true) {
            long now = System.nanoTime();
            long nextDue = start + Math.round(issued * period);
            while (issued < total && nextDue <= now) {
                due.add(nextDue);
                issued++;
                nextDue = start + Math.round(issued * period);
            }
            while (!due.isEmpty() && !idle.isEmpty()) {
                send(idle.remove(idle.size() - 1), due.poll());
            }
            if ((issued == total && due.isEmpty() && busy == 0) || now >= giveUp) {
                break;
            }
            // wake for the next due request; the selector's millisecond timeout is rounded down, a late wake
            // counts in the request's latency (it is timed from when it was due)
            select(issued < total && due.isEmpty() ? Math.max(1, (nextDue - now) / 1_000_000) : 100);
        }
        errors += due.size();
        if (!due.isEmpty() && firstError == null) {
            firstError = due.size() + " requests never sent: every connection still waiting for an answer";
        }
        return result(label, start);
    }

    private Load.Result result(String label, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        if (busy > 0) {
            errors += busy;
            if (firstError == null) {
                firstError = busy + " requests unanswered after " + ANSWER_LIMIT.toSeconds() + " s";
            }
        }
        return new Load.Result(label, ok, errors, seconds, latencies, firstError);
    }

    private void open(int connections) {
        for (int i = 0; i < connections; i++) {
            idle.add(new Connection());
        }
    }

    private void send(Connection connection, long startNanos) {
        byte[] request = requests.get();
        try {
            connection.ensureOpen();
            connection.startNanos = startNanos;
            connection.out = ByteBuffer.wrap(request);
            connection.channel.write(connection.out);
            connection.key.interestOps(connection.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            busy++;
        } catch (IOException e) {
            failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            connection.close();
            idle.add(connection);
        }
    }

    private void select(long timeoutMillis) {
        try {
            selector.select(key -> {
                Connection connection = (Connection) key.attachment();
                try {
                    if (key.isWritable()) {
                        connection.channel.write(connection.out);
                        if (!connection.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        read(connection);
                    }
                } catch (IOException e) {
                    finished(connection, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
                }
            }, timeoutMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(Connection connection) throws IOException {
        ByteBuffer in = connection.in;
        if (!in.hasRemaining()) {
            connection.in = in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
        }
        if (connection.channel.read(in) < 0) {
            finished(connection, "connection closed by the collector before the answer", true);
            return;
        }
        byte[] bytes = in.array();
        int headerEnd = RawPollers.indexOf(bytes, in.position(), HEADER_END, 0);
        if (headerEnd < 0) {
            return;
        }
        String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int length = contentLength(head);
        if (length < 0) {
            finished(connection, "answer without Content-Length: " + head.lines().findFirst().orElse(""), true);
            return;
        }
        int total = headerEnd + HEADER_END.length + length;
        if (in.position() < total) {
            return;
        }
        int status = Integer.parseInt(head.substring(9, 12));
        in.clear();
        boolean closes = head.contains("\r\nconnection: close");
        if (Arrays.stream(expected).anyMatch(s -> s == status)) {
            latencies.add(System.nanoTime() - connection.startNanos);
            ok++;
            finished(connection, null, closes);
        } else {
            finished(connection, "HTTP " + status + " " + new String(bytes, headerEnd + HEADER_END.length,
                    Math.min(length, 200), StandardCharsets.UTF_8), closes);
        }
    }

    private void finished(Connection connection, String error, boolean close) {
        if (error != null) {
            failed(error);
        }
        if (close) {
            connection.close();
        }
        busy--;
        idle.add(connection);
    }

    private void failed(String error) {
        errors++;
        if (firstError == null) {
            firstError = error;
        }
    }

    private static int contentLength(String head) {
        int at = head.indexOf("\r\ncontent-length:");
        if (at < 0) {
            return -1;
        }
        int from = at + "\r\ncontent-length:".length();
        int to = head.indexOf("\r\n", from);
        return Integer.parseInt(head.substring(from, to < 0 ? head.length() : to).trim());
    }

    private void close() {
        for (SelectionKey key : selector.keys()) {
            ((Connection) key.attachment()).close();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // the run is over
        }
    }

    /** One keep-alive connection; reopened after the collector closed it or it failed. */
    private final class Connection {
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(4096);
        long startNanos;

        void ensureOpen() throws IOException {
            if (channel != null) {
                return;
            }
            channel = SocketChannel.open(server);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            key = channel.register(selector, SelectionKey.OP_READ, this);
            in.clear();
        }

        void close() {
            if (channel == null) {
                return;
            }
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
            channel = null;
        }
    }
}
