package dev.mapiagent.collector.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the connections one client address holds open: one more is closed as soon as it opens. Generous enough for
 * an office behind one NAT address, each PC holding a long-poll; it stops one client from taking every socket and
 * file descriptor of the server.
 */
public final class ConnectionsPerAddress implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int limit;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        if (address == null) {
            return;
        }
        int count = open.merge(address, 1, Integer::sum);
        if (count > limit) {
            if (count == limit + 1) {
                LOG.atWarn().setMessage("too many connections from one address").addKeyValue("address", address.getHostAddress())
                        .addKeyValue("limit", limit).log();
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = address(connection);
        if (address != null) {
            open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
        }
    }

    private static InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
