package dev.lumen.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.graalvm.options.OptionDescriptor;

/**
 * The address a tool that serves on a port would listen on (the inspector's {@code --inspect[=[HOST:]PORT]}, the
 * DAP server's {@code --dap}), tried before the engine starts it: the tools report an address in use with a stack
 * trace, and the inspector then waits for ever. Hosts and ports are the tools' syntax, the default from the tool's
 * descriptor; a value that is not of it is left to the tool to refuse.
 */
final class DebuggerAddress {
    private DebuggerAddress() {
    }

    /** The first tool that {@code options} start on an address that cannot be listened on, as a usage error. */
    static Optional<RunCommand.UsageError> unavailable(Map<String, String> options) {
        for (String id : options.keySet()) {
            String value = options.get(id);
            if (id.contains(".") || value.equals("false")) {
                continue; // not a tool's own option, or one that does not start it
            }
            PolyglotDescriptors.Group tool = PolyglotDescriptors.installed().tools().get(id);
            OptionDescriptor address = tool == null ? null : tool.options().get(id);
            if (address == null || address.getUsageSyntax() == null || !address.getUsageSyntax().contains("<port>")) {
                continue;
            }
            Optional<RunCommand.UsageError> busy = tryListening(id, value.equals("true") ? "" : value,
                    String.valueOf(address.getKey().getDefaultValue()));
            if (busy.isPresent()) {
                return busy;
            }
        }
        return Optional.empty();
    }

    private static Optional<RunCommand.UsageError> tryListening(String id, String given, String fallback) {
        int colon = given.lastIndexOf(':');
        String host = colon < 0 ? "" : given.substring(0, colon);
        String portText = colon < 0 ? given : given.substring(colon + 1);
        if (portText.isEmpty()) {
            portText = fallback.substring(fallback.lastIndexOf(':') + 1);
        }
        if (!portText.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(portText);
        try (ServerSocket probe = new ServerSocket()) {
            InetAddress at = host.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
            probe.bind(new InetSocketAddress(at, port));
            return Optional.empty();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty(); // the tool reports a host or port it cannot use
        } catch (IOException e) {
            String where = (host.isEmpty() ? "127.0.0.1" : host) + ":" + port;
            return Optional.of(new RunCommand.UsageError("cannot start `--" + id + "` on " + where + ": " + e.getMessage(),
                    "give it a free port, as in --" + id + "=" + (port == 0 || port == 65535 ? 9000 : port + 1)));
        }
    }
}
