import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.terrain.mail.Campaign;
import fr.terrain.mail.CheckedRecipient;
import fr.terrain.mail.ContactFacts;
import fr.terrain.mail.LinkRewriter;
import fr.terrain.mail.MessageRenderer;
import fr.terrain.mail.OutboxState;
import fr.terrain.mail.RecipientRef;
import fr.terrain.mail.RenderedMessage;
import fr.terrain.mail.Segment;
import fr.terrain.mail.SenderIdentity;
import fr.terrain.mail.Template;
import fr.terrain.mail.UnsubscribeToken;
import fr.terrain.mail.smtp.CampaignSender;
import fr.terrain.mail.smtp.SmtpSettings;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.SourceDeclaration;
import fr.terrain.store.MailStore;
import fr.terrain.store.Store;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Send throughput of e-mail campaigns (issue 8): N generated recipients in a PostgreSQL store, sent
 * through the outbox (claim, committed mark before the final dot, sent) by {@code CampaignSender},
 * into GreenMail (embedded, same JVM) and into a real MTA (Postfix on loopback, started by
 * bench/run). Baseline in the same run: the same messages, rendered the same way, sent over the same
 * number of SMTP connections with no outbox (no database write at all). Exactly-once check: the
 * number of messages each server received for each recipient.
 *
 * <p>Arguments: recipients, threads, Postfix port (0: skip), and how to count what Postfix received:
 * {@code log:FILE} (its mail log: one {@code status=sent} line per recipient, when Postfix discards
 * after queueing) or {@code maildir:DIR} (a Maildir it delivers to locally), or {@code -}. Environment
 * {@code SEND_GREENMAIL=no} skips GreenMail. Prints lines {@code ROW|server|mode|messages|seconds|per second|JVM CPU ms per message|check}.
 */
public final class SendBench {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int postfixPort = Integer.parseInt(args[2]);
        String postfixCheck = args.length > 3 ? args[3] : "-";
        boolean greenmail = !"no".equals(System.getenv("SEND_GREENMAIL"));
        String pgUrl = System.getenv().getOrDefault("TERRAIN_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String schema = "sendbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        IdentifierHasher hasher = new IdentifierHasher(key);
        SenderIdentity sender = new SenderIdentity("Association de financement de la liste Paris Demain",
                "12 rue de la Roquette, 75011 Paris", "contact@parisdemain.fr", "Paris Demain",
                "municipales de Paris, mars 2026", "equipe@parisdemain.fr", "https://terrain.parisdemain.fr");
        Template template = Template.parse("""
                subject: {{first_name}}, notre programme pour votre quartier

                Bonjour {{first_name}},

                Nous présentons **notre programme** jeudi à 19 h, salle des fêtes de la mairie du 11e.
                [Lire le programme](https://parisdemain.fr/programme) — [Venir nous aider](https://parisdemain.fr/aider)

                À jeudi !
                """);
        try (Store store = Store.url(pgUrl, "postgres", null, schema)) {
            long t0 = System.nanoTime();
            List<MailStore.NewContact> rows = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                rows.add(new MailStore.NewContact(i + 1, "r" + i + "@exemple.fr", "Prénom" + i, 1 + i % 20, null, Set.of(),
                        true));
            }
            MailStore.importContacts(store, hasher, "bench.csv", "-", SourceDeclaration.parse("regular-contacts",
                    "bench", null, null), null, LocalDate.now(), rows, "bench");
            System.err.printf("import of %d contacts: %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            List<ContactFacts> facts = MailStore.facts(store, Instant.now());
            MessageRenderer renderer = new MessageRenderer(template, sender, LinkRewriter.NONE, Optional.empty());
            System.err.printf("message size: %d bytes%n", messageSize(renderer, facts.getFirst(), hasher));

            if (greenmail) {
                // a fresh GreenMail for each mode
                try (var green = new Green()) {
                    raw(renderer, facts, hasher, "127.0.0.1", green.port(), threads, "GreenMail",
                            () -> countGreen(green.server, facts.size()));
                }
                try (var green = new Green()) {
                    outbox(store, hasher, sender, template, renderer, "greenmail", "127.0.0.1", green.port(), threads,
                            "GreenMail", () -> countGreen(green.server, facts.size()));
                }
            }
            if (postfixPort > 0) {
                IntSupplier counter = postfixCounter(postfixCheck, n);
                raw(renderer, facts, hasher, "127.0.0.1", postfixPort, threads, "Postfix", counter);
                counter = postfixCounter(postfixCheck, n);
                outbox(store, hasher, sender, template, renderer, "postfix", "127.0.0.1", postfixPort, threads, "Postfix",
                        counter);
            }
        } finally {
            try (var c = DriverManager.getConnection(pgUrl, "postgres", null)) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** The size on the wire of one recipient's message (MIME, before SMTP's dot-stuffing). */
    static int messageSize(MessageRenderer renderer, ContactFacts f, IdentifierHasher hasher) throws Exception {
        var ok = (CheckedRecipient.Allowed) CheckedRecipient.check(f, id -> false);
        RenderedMessage m = renderer.render(ok.recipient(), new RecipientRef(1, 0, "<size.1@parisdemain.fr>"),
                UnsubscribeToken.of(hasher, 1));
        var out = new java.io.ByteArrayOutputStream();
        CampaignSender.mime(Session.getInstance(new Properties()), m).writeTo(out);
        return out.size();
    }

    /** Baseline: the same rendered messages over the same number of connections, no outbox. */
    static void raw(MessageRenderer renderer, List<ContactFacts> facts, IdentifierHasher hasher, String host, int port,
            int threads, String server, IntSupplier check) throws Exception {
        Session session = Session.getInstance(new Properties());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ts.add(Thread.ofPlatform().start(() -> {
                try (Transport tr = session.getTransport("smtp")) {
                    tr.connect(host, port, null, null);
                    for (int i; (i = next.getAndIncrement()) < facts.size(); ) {
                        ContactFacts f = facts.get(i);
                        var ok = (CheckedRecipient.Allowed) CheckedRecipient.check(f, id -> false);
                        RenderedMessage m = renderer.render(ok.recipient(), new RecipientRef(-i - 1, 0,
                                "<raw." + i + "." + UUID.randomUUID() + "@parisdemain.fr>"), UnsubscribeToken.of(hasher, i + 1));
                        tr.sendMessage(CampaignSender.mime(session, m), new Address[] {new InternetAddress(m.to())});
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e6 / Math.max(1, sent.get());
        int delivered = check.getAsInt();
        System.out.printf("ROW|%s|raw SMTP (baseline, no outbox)|%d|%.1f|%.0f|%.2f|%s%n", server, sent.get(), s,
                sent.get() / s, cpu, delivered == facts.size() ? "each recipient once (" + delivered + ")"
                        : "MISMATCH " + delivered);
    }

    static void outbox(Store store, IdentifierHasher hasher, SenderIdentity sender, Template template,
            MessageRenderer renderer, String name, String host, int port, int threads, String server, IntSupplier check)
            throws Exception {
        Campaign c = MailStore.createCampaign(store, name, template, Segment.parse("all"), Optional.empty(), "bench");
        String worker = "bench:" + ProcessHandle.current().pid() + ":" + name;
        var box = MailStore.outbox(store, hasher, c, worker);
        box.acquire(Duration.ofMinutes(1));
        long t0 = System.nanoTime();
        var freeze = MailStore.freeze(store, c, box.suppression(), sender.domain(), Instant.now(), "bench");
        double freezeS = (System.nanoTime() - t0) / 1e9;
        var smtp = new SmtpSettings(host, port, SmtpSettings.Tls.NONE, null, null, 60_000);
        var send = new CampaignSender(box, c.id(), renderer, sender, LinkRewriter.NONE, id -> UnsubscribeToken.of(hasher, id),
                smtp, new CampaignSender.Options(0, threads, 100, 5, Duration.ofSeconds(1), true), worker);
        long cpu0 = cpuNanos();
        long t1 = System.nanoTime();
        var r = send.run(x -> {});
        double s = (System.nanoTime() - t1) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e6 / Math.max(1, r.sent());
        box.release();
        Map<OutboxState, Long> states = MailStore.states(store, c.id());
        int delivered = check.getAsInt();
        System.err.printf("%s: freeze of %d recipients %.1f s; states %s%n", server, freeze.recipients(), freezeS, states);
        System.out.printf("ROW|%s|outbox (Terrain)|%d|%.1f|%.0f|%.2f|%s%n", server, r.sent(), s, r.sent() / s, cpu,
                (delivered == freeze.recipients() && states.get(OutboxState.SENT) == freeze.recipients() && r.finished()
                        ? "each recipient once (" + delivered + "), campaign finished" : "MISMATCH " + delivered + " " + states));
    }

    /** CPU time of this JVM (the sender, and GreenMail when it is the server), all threads. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** GreenMail: messages by recipient; the count of recipients who got exactly one, or -1 on any duplicate. */
    static int countGreen(GreenMail g, int expected) {
        try {
            Map<String, Integer> by = new HashMap<>();
            for (var m : g.getReceivedMessages()) {
                by.merge(m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString(), 1, Integer::sum);
            }
            return by.values().stream().allMatch(v -> v == 1) ? by.size() : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An embedded GreenMail SMTP server on a free loopback port, delivering every message into one
     * mailbox: by default GreenMail creates a user and a folder per recipient and finds a folder by
     * scanning all of them (one message cost O(recipients so far): 15 minutes for 100,000). The check
     * still reads each message's own To.
     */
    static final class Green implements AutoCloseable {
        final GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        Green() {
            server.start();
            try {
                var sink = server.getUserManager().createUser("puits@exemple.fr", "puits", "puits");
                server.getUserManager().setMessageDeliveryHandler((message, address) -> sink);
            } catch (com.icegreen.greenmail.user.UserException e) {
                throw new IllegalStateException(e);
            }
        }

        int port() {
            return server.getSmtp().getPort();
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    /** Counts what Postfix receives from now on, as {@code log:FILE} or {@code maildir:DIR} says. */
    static IntSupplier postfixCounter(String how, int expected) throws java.io.IOException {
        if (how.startsWith("log:")) {
            Path log = Path.of(how.substring(4));
            long from = Files.exists(log) ? Files.size(log) : 0;
            return () -> countLog(log, from, expected);
        }
        if (how.startsWith("maildir:")) {
            Path maildir = Path.of(how.substring(8));
            return () -> countMaildir(maildir, expected);
        }
        return () -> expected;
    }

    private static final java.util.regex.Pattern SENT =
            java.util.regex.Pattern.compile(": to=<([^>]+)>,.* status=sent ");

    /**
     * Postfix discarding after the queue: waits until its log, from byte {@code from} on, holds a
     * delivery line per recipient (or stops growing for a minute), then counts them by recipient.
     */
    static int countLog(Path log, long from, int expected) {
        try {
            long deadline = System.currentTimeMillis() + 900_000;
            int stable = 0;
            Map<String, Integer> by = new HashMap<>();
            long last = -1;
            while (System.currentTimeMillis() < deadline && stable <= 60) {
                by.clear();
                long total = 0;
                try (var in = Files.newInputStream(log)) {
                    in.skipNBytes(from);
                    var lines = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                            java.nio.charset.StandardCharsets.ISO_8859_1));
                    for (String l; (l = lines.readLine()) != null; ) {
                        var m = SENT.matcher(l);
                        if (m.find()) {
                            by.merge(m.group(1), 1, Integer::sum);
                            total++;
                        }
                    }
                }
                if (total >= expected) {
                    break;
                }
                stable = total == last ? stable + 1 : 0;
                last = total;
                Thread.sleep(1000);
            }
            return by.values().stream().allMatch(v -> v == 1) ? by.size() : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Postfix: waits for its queue to drain into the Maildir, then counts the new messages by To:
     * (and moves them away so that the next run counts its own).
     */
    static int countMaildir(Path maildir, int expected) {
        try {
            Path fresh = maildir.resolve("new");
            long deadline = System.currentTimeMillis() + 900_000;
            int last = -1;
            int stable = 0;
            while (System.currentTimeMillis() < deadline) {
                int now;
                try (var s = Files.list(fresh)) {
                    now = (int) s.count();
                }
                if (now >= expected) {
                    break;
                }
                stable = now == last ? stable + 1 : 0;
                if (stable > 60) {
                    break;
                }
                last = now;
                Thread.sleep(1000);
            }
            Map<String, Integer> by = new HashMap<>();
            Path done = maildir.resolve("counted-" + System.nanoTime());
            Files.createDirectories(done);
            try (var s = Files.list(fresh)) {
                for (Path f : s.toList()) {
                    try (var lines = Files.lines(f, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                        String to = lines.filter(l -> l.startsWith("To: ")).findFirst().orElse("?").substring(4).strip();
                        by.merge(to, 1, Integer::sum);
                    }
                    Files.move(f, done.resolve(f.getFileName()));
                }
            }
            return by.values().stream().allMatch(v -> v == 1) ? by.size() : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
