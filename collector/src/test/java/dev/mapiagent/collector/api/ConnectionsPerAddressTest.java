package dev.mapiagent.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class ConnectionsPerAddressTest {

    @Test
    void connectionsBeyondTheLimitOfOneAddressAreClosedAndOtherAddressesAreNotAffected() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.addEventListener(new ConnectionsPerAddress(5));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                callback.succeeded();
                return true;
            }
        });
        server.start();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                sockets.add(connect("127.0.0.3", connector.getLocalPort()));
            }
            Socket other = connect("127.0.0.1", connector.getLocalPort());
            sockets.add(other);
            assertEquals(3, sockets.subList(0, 8).stream().filter(ConnectionsPerAddressTest::closedByServer).count());
            assertEquals(false, closedByServer(other));
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
            server.stop();
        }
    }

    private static Socket connect(String from, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    /** The server closed it when a read ends (-1 or reset) instead of waiting. */
    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(1500);
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
