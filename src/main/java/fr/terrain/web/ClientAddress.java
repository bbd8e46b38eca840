package fr.terrain.web;

import io.javalin.config.Key;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The address a request comes from, as the sign-in and invitation lockouts count it. Behind a reverse proxy (the
 * usual way to serve TLS) every request comes from the proxy: counted by that address, thirty failures by anyone
 * would lock everyone out for a quarter of an hour. The proxies named in {@code TERRAIN_TRUSTED_PROXIES} (addresses,
 * comma-separated) are believed when they say, in {@code X-Forwarded-For}, whom they forward; no one else is (a
 * client naming itself another address would escape its lockout).
 */
final class ClientAddress {
    /** Where the app keeps its trusted proxies ({@link Context#appData}). */
    static final Key<ClientAddress> KEY = new Key<>("terrain.client-address");

    private final Set<String> trustedProxies;

    ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(ClientAddress::canonical).collect(Collectors.toSet());
    }

    /** The proxies of {@code TERRAIN_TRUSTED_PROXIES}, none when it is not set. */
    static ClientAddress fromEnvironment() {
        String list = System.getenv("TERRAIN_TRUSTED_PROXIES");
        return new ClientAddress(list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet()));
    }

    /** The request's client: the nearest address a trusted proxy forwarded for, else the connection's. */
    static String of(Context ctx) {
        // a header on several lines is one list (RFC 9110, 5.3): a proxy may add its own line after the client's,
        // and the first line alone would be the client's word
        return ctx.appData(KEY).client(ctx.ip(),
                String.join(",", Collections.list(ctx.req().getHeaders("X-Forwarded-For"))));
    }

    String client(String connection, String forwardedFor) {
        connection = canonical(connection);
        if (!trustedProxies.contains(connection) || forwardedFor == null || forwardedFor.isBlank()) {
            return connection;
        }
        // each proxy appends whom it heard from: read from the right, past the proxies we trust
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(ClientAddress::canonical).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trustedProxies.contains(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? connection : hops.get(0);
    }

    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\](?::\\d+)?");
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    /**
     * An address in one form: without the brackets Jetty puts around IPv6 ([0:0:0:0:0:0:0:1]) or the port some
     * proxies add (203.0.113.5:4711, [2001:db8::7]:4711), an IPv6 one spelt in full (::1 as 0:0:0:0:0:0:0:1). Only
     * what reads as an IPv6 literal (a hex digit or « : » first) is parsed, never looked up; anything else is kept as
     * written.
     */
    static String canonical(String address) {
        String a = address.strip();
        Matcher m = BRACKETED.matcher(a);
        if (m.matches()) {
            a = m.group(1);
        } else if (a.indexOf(':') >= 0 && a.indexOf(':') == a.lastIndexOf(':')) {
            a = a.substring(0, a.indexOf(':'));
        }
        if (IPV6.matcher(a).matches()) {
            try {
                return InetAddress.getByName(a).getHostAddress();
            } catch (UnknownHostException e) {
                return a;
            }
        }
        return a;
    }
}
