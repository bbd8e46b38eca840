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
 * would lock everyone out for a quarter of an hour. The proxies named in {@code TERRAIN_TRUSTED_PROXIES} (addresses
 * or CIDR blocks such as {@code 10.0.0.0/8}, comma-separated: a container platform's proxies change address within
 * their network) are believed when they say, in {@code X-Forwarded-For}, whom they forward; no one else is (a client
 * naming itself another address would escape its lockout).
 */
final class ClientAddress {
    /** Where the app keeps its trusted proxies ({@link Context#appData}). */
    static final Key<ClientAddress> KEY = new Key<>("terrain.client-address");

    static final String VARIABLE = "TERRAIN_TRUSTED_PROXIES";

    private final List<Block> trustedProxies;

    /**
     * @throws WebApp.BadSetting when an entry is neither an IP address nor a CIDR block (a host name is refused: the
     *     connection's address is never looked up, so a name would silently trust no one)
     */
    ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(Block::parse).toList();
    }

    /** The proxies of {@code TERRAIN_TRUSTED_PROXIES}, none when it is not set. */
    static ClientAddress fromEnvironment() {
        String list = System.getenv(VARIABLE);
        return new ClientAddress(list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet()));
    }

    private boolean trusted(String canonicalAddress) {
        byte[] address = literal(canonicalAddress);
        return address != null && trustedProxies.stream().anyMatch(b -> b.contains(address));
    }

    /** A trusted address ({@code /32} or {@code /128}) or block of addresses: the first {@code bits} bits of its own. */
    private record Block(byte[] prefix, int bits) {
        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            byte[] address = literal(canonical(slash < 0 ? entry : entry.substring(0, slash)));
            Integer bits = address == null ? null : slash < 0 ? Integer.valueOf(address.length * 8)
                    : prefixLength(entry.substring(slash + 1), address.length * 8);
            if (bits == null) {
                throw new WebApp.BadSetting(VARIABLE + " : « " + entry + " » n'est ni une adresse IP ni un bloc"
                        + " d'adresses (10.0.0.0/8, fd00::/8) ; un nom d'hôte n'est pas accepté (127.0.0.1 pour localhost)");
            }
            return new Block(address, bits);
        }

        private static Integer prefixLength(String text, int max) {
            if (!text.matches("\\d{1,3}")) {
                return null;
            }
            int n = Integer.parseInt(text);
            return n <= max ? n : null;
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
                return false;
            }
            int rest = bits % 8;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    /** Whether the request's connection comes from a trusted proxy, whose X-Forwarded-* headers are believed. */
    static boolean viaTrustedProxy(Context ctx) {
        return ctx.appData(KEY).trusted(canonical(ctx.ip()));
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
        if (!trusted(connection) || forwardedFor == null || forwardedFor.isBlank()) {
            return connection;
        }
        // each proxy appends whom it heard from: read from the right, past the proxies we trust
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(ClientAddress::canonical).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? connection : hops.get(0);
    }

    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\](?::\\d+)?");
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * The bytes of an IP address written as a literal (4 for IPv4, 16 for IPv6; an IPv4-mapped IPv6 address gives 4),
     * or null for anything else — a host name is never looked up.
     */
    private static byte[] literal(String address) {
        boolean v4 = IPV4.matcher(address).matches();
        if (v4 ? Arrays.stream(address.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)
                : !IPV6.matcher(address).matches()) {
            return null; // 300.1.1.1 would be looked up as a name
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

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
