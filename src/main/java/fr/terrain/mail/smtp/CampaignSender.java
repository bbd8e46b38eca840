package fr.terrain.mail.smtp;

import fr.terrain.mail.CheckedRecipient;
import fr.terrain.mail.ContactFacts;
import fr.terrain.mail.LinkRewriter;
import fr.terrain.mail.MandatoryBlocks;
import fr.terrain.mail.MessageRenderer;
import fr.terrain.mail.Outbox;
import fr.terrain.mail.OutboxEntry;
import fr.terrain.mail.RecipientRef;
import fr.terrain.mail.RenderedMessage;
import fr.terrain.mail.SenderIdentity;
import fr.terrain.privacy.Identifier;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Drains a campaign's outbox through SMTP. Each thread holds one SMTP connection and claims small
 * batches; every message is checked again ({@link CheckedRecipient}: someone may have unsubscribed
 * since the campaign was frozen), rendered, checked for its mandatory blocks, and sent to its one
 * recipient. The outbox row is marked committed after the whole message was written and before
 * the terminating "." (see {@link Outbox}); the server's reply then makes it sent or failed: a 5xx
 * is permanent, a 4xx or a lost connection temporary (retried with a growing delay, up to
 * {@link Options#maxAttempts}).
 */
public final class CampaignSender {
    /**
     * Jakarta Mail 2.1 finds its {@code StreamProvider} with a ServiceLoader scan of the class path on
     * every MIME part it encodes (jakartaee/mail-api#861): a quarter of the sender's CPU. Named in the
     * system property it reads first, the provider is found by {@code Class.forName} instead.
     */
    static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    /**
     * Angus Mail names its transport's logger after the transport class's package, this one, and tells it at INFO on
     * every connection that UTF-8 is allowed but the server offers no SMTPUTF8. The sender decides that per recipient
     * ({@link EnvelopeAddress}) and records the reason on the outbox row: on the console it is noise, unless a level
     * was configured. Held here: java.util.logging keeps loggers weakly, and would forget the level.
     */
    private static final java.util.logging.Logger TRANSPORT_LOG =
            java.util.logging.Logger.getLogger(CampaignSender.class.getPackageName());

    static {
        if (System.getProperty(jakarta.mail.util.StreamProvider.class.getName()) == null) {
            System.setProperty(jakarta.mail.util.StreamProvider.class.getName(), STREAM_PROVIDER);
        }
        if (TRANSPORT_LOG.getLevel() == null) {
            TRANSPORT_LOG.setLevel(java.util.logging.Level.WARNING);
        }
    }

    /** How to send. */
    public record Options(double ratePerSecond, int threads, int batch, int maxAttempts, Duration retryBase,
            boolean waitForRetries) {
        public Options {
            threads = Math.max(1, threads);
            batch = Math.max(1, batch);
            maxAttempts = Math.max(1, maxAttempts);
            retryBase = retryBase == null ? Duration.ofMinutes(1) : retryBase;
        }

        public static Options defaults() {
            return new Options(0, 8, 50, 5, Duration.ofMinutes(1), true);
        }
    }

    /**
     * What a run did. {@code withoutSmtpUtf8}: of the permanent failures, the addresses the server could not be given
     * because it does not offer SMTPUTF8 ({@link EnvelopeAddress}).
     */
    public record Result(long sent, long failedTemporary, long failedPermanent, long withoutSmtpUtf8, long skipped,
            boolean finished, Outbox.Recovery recovery, Duration elapsed) {}

    /** Progress, called after each message from any thread. */
    public interface Listener {
        void sent(long total);
    }

    /** A message failed its mandatory-blocks check: the send stops before anything else goes. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final Outbox outbox;
    private final long campaignId;
    private final MessageRenderer renderer;
    private final SenderIdentity sender;
    private final LinkRewriter rewriter;
    private final LongFunction<String> unsubscribeToken;
    private final SmtpSettings smtp;
    private final Options options;
    private final Session session;
    private final String worker;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong temporary = new AtomicLong();
    private final AtomicLong permanent = new AtomicLong();
    private final AtomicLong withoutSmtpUtf8 = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong backoffUntil = new AtomicLong();

    public CampaignSender(Outbox outbox, long campaignId, MessageRenderer renderer, SenderIdentity sender,
            LinkRewriter rewriter, LongFunction<String> unsubscribeToken, SmtpSettings smtp, Options options, String worker) {
        this.outbox = Objects.requireNonNull(outbox);
        this.campaignId = campaignId;
        this.renderer = Objects.requireNonNull(renderer);
        this.sender = Objects.requireNonNull(sender);
        this.rewriter = rewriter == null ? LinkRewriter.NONE : rewriter;
        this.unsubscribeToken = Objects.requireNonNull(unsubscribeToken);
        this.smtp = Objects.requireNonNull(smtp);
        this.options = options == null ? Options.defaults() : options;
        this.session = Session.getInstance(smtp.properties());
        this.worker = worker;
    }

    /** Asks the threads to stop after their current message. */
    public void stop() {
        stop.set(true);
    }

    /**
     * Sends until every row is final (or, without {@link Options#waitForRetries}, until only rows
     * waiting for a retry are left). Starts by recovering the rows a dead sender left.
     */
    public Result run(Listener listener) throws InterruptedException {
        long t0 = System.nanoTime();
        Outbox.Recovery recovery = outbox.recover(campaignId);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            Thread t = Thread.ofPlatform().name("terrain-send-" + i).start(() -> work(listener));
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        boolean finished = outbox.finishIfDone(campaignId, Instant.now());
        return new Result(sent.get(), temporary.get(), permanent.get(), withoutSmtpUtf8.get(), skipped.get(), finished,
                recovery, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * How old a batch's facts and suppression list may get before the rest of the batch is checked against them
     * again: a throttled batch lasts minutes, and someone who unsubscribes or withdraws consent meanwhile must not
     * receive its message. Besides each batch's first read (the suppression list asked about the batch's addresses only),
     * that is one more read per thread and second at most, whatever the rate.
     */
    static final Duration RECHECK = Duration.ofSeconds(1);

    /** What decides whether each of a batch's recipients may be written to, and when it was read. */
    private record Checks(Map<Long, ContactFacts> facts, Predicate<Identifier> suppressed, long readAt) {
        boolean olderThan(Duration d) {
            return System.nanoTime() - readAt > d.toNanos();
        }
    }

    private Checks checks(List<OutboxEntry> entries) {
        long at = System.nanoTime();
        Map<Long, ContactFacts> facts = outbox.facts(entries, Instant.now());
        return new Checks(facts, outbox.suppression(facts.values()), at);
    }

    private Throttle throttle;

    private synchronized Throttle throttle() {
        if (throttle == null) {
            throttle = new Throttle(options.ratePerSecond());
        }
        return throttle;
    }

    private void work(Listener listener) {
        CommittingTransport transport = null;
        try {
            while (!stop.get() && fatal.get() == null) {
                long wait = backoffUntil.get() - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(Math.min(wait, 1000));
                    continue;
                }
                List<OutboxEntry> batch = outbox.claim(campaignId, options.batch(), worker, Instant.now());
                if (batch.isEmpty()) {
                    if (outbox.unfinished(campaignId) == 0 || !options.waitForRetries()) {
                        return;
                    }
                    Thread.sleep(200);
                    continue;
                }
                Checks checks = null;
                for (int i = 0; i < batch.size(); i++) {
                    OutboxEntry e = batch.get(i);
                    if (stop.get() || fatal.get() != null || backoffUntil.get() > System.currentTimeMillis()) {
                        release(batch.subList(i, batch.size()));
                        break;
                    }
                    if (checks == null || checks.olderThan(RECHECK)) {
                        checks = checks(batch.subList(i, batch.size()));
                    }
                    ContactFacts f = checks.facts().get(e.mailContactId());
                    CheckedRecipient.Check check = f == null ? null : CheckedRecipient.check(f, checks.suppressed());
                    if (!(check instanceof CheckedRecipient.Allowed allowed)) {
                        outbox.skipped(e.id(), f == null ? "contact effacé"
                                : ((CheckedRecipient.Refused) check).reason().label());
                        skipped.incrementAndGet();
                        continue;
                    }
                    RecipientRef ref = e.ref();
                    String token = unsubscribeToken.apply(e.id());
                    RenderedMessage m = renderer.render(allowed.recipient(), ref, token);
                    List<String> missing = MandatoryBlocks.missing(m, sender, allowed.recipient(),
                            renderer.unsubscribeUrl(token));
                    if (!missing.isEmpty()) {
                        release(batch.subList(i, batch.size()));
                        throw new Refused("envoi refusé, mentions obligatoires manquantes : " + String.join(" ; ", missing));
                    }
                    throttle().acquire();
                    if (transport == null || !transport.presumedAlive()) {
                        try {
                            transport = connect();
                        } catch (MessagingException x) {
                            transport = null;
                            serverDown(batch.subList(i, batch.size()), x);
                            break;
                        }
                    }
                    EnvelopeAddress.Route route = EnvelopeAddress.of(m.to(), transport.supportsExtension("SMTPUTF8"));
                    if (route instanceof EnvelopeAddress.Refuse refused) {
                        // this server cannot take this address: the recipient fails alone, nothing was sent to it
                        fail(e, true, refused.reason() + " (" + smtp.describe() + ")");
                        withoutSmtpUtf8.incrementAndGet();
                        continue;
                    }
                    RenderedMessage out = addressedTo(m, ((EnvelopeAddress.Send) route).address());
                    try {
                        transport.send(mime(out), new InternetAddress(out.to(), true), () -> outbox.committed(e.id()));
                        outbox.sent(e.id(), Instant.now());
                        backoffStep.set(0);
                        listener.sent(sent.incrementAndGet());
                    } catch (jakarta.mail.SendFailedException x) { // SMTPAddressFailedException and SMTPSendFailedException too
                        // a refusal: its reply code is on the exception, or further down the chain when the library
                        // wraps a refused recipient; no reply at all is a lost connection
                        int code = replyCode(x);
                        if (code < 200) {
                            boolean dotSent = transport.dataDone();
                            close(transport);
                            transport = null;
                            lost(e, dotSent, batch.subList(i + (dotSent ? 1 : 0), batch.size()), x, listener);
                            break;
                        }
                        fail(e, code >= 500 && code < 600, code + " " + oneLine(x.getMessage()));
                        // a wrapped refusal leaves the session in doubt: the next message gets a new connection
                        boolean wrapped = !(x instanceof SMTPAddressFailedException || x instanceof SMTPSendFailedException);
                        if (wrapped || code == 421 || code < 400) {
                            close(transport);
                            transport = null;
                        }
                    } catch (CommitFailed x) {
                        throw x.getCause();
                    } catch (MessagingException x) {
                        boolean dotSent = transport.dataDone();
                        close(transport);
                        transport = null;
                        lost(e, dotSent, batch.subList(i + (dotSent ? 1 : 0), batch.size()), x, listener);
                        break;
                    }
                }
            }
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException x) {
            fatal.compareAndSet(null, x);
        } finally {
            close(transport);
        }
    }

    /** The SMTP reply code in an exception's chain (a refused recipient is nested in a SendFailedException), or -1. */
    static int replyCode(MessagingException x) {
        for (Exception next = x; next instanceof MessagingException m; next = m.getNextException()) {
            if (next instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (next instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (m.getNextException() == m) {
                break;
            }
        }
        return -1;
    }

    private final AtomicLong backoffStep = new AtomicLong();

    /**
     * The connection was lost during a message. If the "." had gone out, the server may have accepted
     * it: in doubt, the row counts as sent and is flagged unconfirmed, like a committed row found after a
     * crash (at most once; docs/adr/0010-mail-outbox.md). The rest of the batch goes back to the queue.
     */
    private void lost(OutboxEntry e, boolean dotSent, List<OutboxEntry> rest, Exception x, Listener listener) {
        if (dotSent) {
            outbox.unconfirmed(e.id(), Instant.now());
            listener.sent(sent.incrementAndGet());
        }
        serverDown(rest, x);
    }

    /** The server cannot be reached or dropped us: the rows go back, every thread waits a growing delay. */
    private void serverDown(List<OutboxEntry> rest, Exception x) {
        if (!rest.isEmpty()) {
            outbox.release(rest.stream().map(OutboxEntry::id).toList(), "serveur injoignable : " + oneLine(x.toString()));
        }
        long step = Math.min(backoffStep.incrementAndGet(), 5);
        long delay = Math.min(options.retryBase().toMillis() << (step - 1), 60_000);
        backoffUntil.accumulateAndGet(System.currentTimeMillis() + delay, Math::max);
    }

    private void fail(OutboxEntry e, boolean permanentCode, String error) {
        boolean last = e.attempts() >= options.maxAttempts();
        if (permanentCode || last) {
            outbox.failed(e.id(), true, error + (permanentCode ? "" : " (" + e.attempts() + " tentatives)"), null);
            permanent.incrementAndGet();
        } else {
            long delay = options.retryBase().toMillis() << Math.min(e.attempts() - 1, 10);
            outbox.failed(e.id(), false, error, Instant.now().plusMillis(delay));
            temporary.incrementAndGet();
        }
    }

    /** Claimed rows not tried: back to pending, the attempt not counted against them. */
    private void release(List<OutboxEntry> rows) {
        if (!rows.isEmpty()) {
            outbox.release(rows.stream().map(OutboxEntry::id).toList(), "remis en file");
        }
    }

    private CommittingTransport connect() throws MessagingException {
        return connect(session, smtp);
    }

    private static CommittingTransport connect(Session session, SmtpSettings smtp) throws MessagingException {
        CommittingTransport t = new CommittingTransport(session, new URLName(smtp.tls() == SmtpSettings.Tls.SMTPS
                ? "smtps" : "smtp", smtp.host(), smtp.port(), null, smtp.user(), smtp.password()),
                smtp.tls() == SmtpSettings.Tls.SMTPS);
        try {
            t.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
        } catch (MessagingException | RuntimeException e) {
            close(t);
            throw e;
        }
        return t;
    }

    private static void close(SMTPTransport t) {
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException | RuntimeException ignored) {
                // the connection is dropped either way
            }
        }
    }

    /** The MIME message: multipart/alternative (text, HTML), one To:, the fixed Message-ID. */
    public MimeMessage mime(RenderedMessage m) throws MessagingException {
        return mime(session, m);
    }

    /** The server does not offer SMTPUTF8 and the address needs it (an accented local part); nothing was sent. */
    public static final class WithoutSmtpUtf8 extends MessagingException {
        WithoutSmtpUtf8(String message) {
            super(message);
        }
    }

    /** The message with the spelling of its recipient's address the server is given (the To: header and RCPT TO). */
    private static RenderedMessage addressedTo(RenderedMessage m, String to) {
        return to.equals(m.to()) ? m : new RenderedMessage(m.from(), to, m.subject(), m.html(), m.text(), m.headers(),
                m.messageId(), m.unsubscribeLink());
    }

    /**
     * Sends one rendered message outside any campaign (the editor's test send, the sign-up confirmation); throws
     * {@link WithoutSmtpUtf8} for an address this server cannot be given.
     */
    public static void sendOne(SmtpSettings smtp, RenderedMessage m) throws MessagingException {
        Session session = Session.getInstance(smtp.properties());
        CommittingTransport t = connect(session, smtp);
        try {
            RenderedMessage out = addressedTo(m, envelope(t, smtp, m.to()));
            t.send(mime(session, out), new InternetAddress(out.to(), true), () -> {});
        } finally {
            close(t);
        }
    }

    /**
     * Connects to the server and throws {@link WithoutSmtpUtf8} if it could not be given {@code address}, sending
     * nothing; a server that cannot be reached throws as for a send. The server is asked for every address, even one
     * that needs no SMTPUTF8: this is for a reply that must be the same whether a message follows or not (the sign-up
     * page, to an address on the opposition list), so the server's state has to weigh on both alike.
     */
    public static void checkAddress(SmtpSettings smtp, String address) throws MessagingException {
        CommittingTransport t = connect(Session.getInstance(smtp.properties()), smtp);
        try {
            envelope(t, smtp, address);
        } finally {
            close(t);
        }
    }

    /** The spelling of {@code address} this connection's server is given, or {@link WithoutSmtpUtf8}. */
    private static String envelope(SMTPTransport t, SmtpSettings smtp, String address) throws WithoutSmtpUtf8 {
        EnvelopeAddress.Route route = EnvelopeAddress.of(address, t.supportsExtension("SMTPUTF8"));
        if (route instanceof EnvelopeAddress.Refuse refused) {
            throw new WithoutSmtpUtf8(refused.reason() + " (" + smtp.describe() + ")");
        }
        return ((EnvelopeAddress.Send) route).address();
    }

    /** The MIME builder without a sender instance. */
    public static MimeMessage mime(Session session, RenderedMessage m) throws MessagingException {
        MimeMessage msg = new FixedIdMessage(session, m.messageId());
        msg.setHeader("From", fromHeader(m.from()));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress(m.to(), true));
        msg.setSubject(m.subject(), StandardCharsets.UTF_8.name());
        msg.setSentDate(new java.util.Date());
        for (var h : m.headers().entrySet()) {
            msg.setHeader(h.getKey(), h.getValue());
        }
        MimeMultipart alt = new RandomBoundary();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(m.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(m.html(), StandardCharsets.UTF_8.name(), "html");
        // named, not guessed: Jakarta Mail would otherwise encode each part once more to choose (a tenth of the
        // sender's CPU); quoted-printable suits any text, keeps French readable and lines under 76 characters
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        html.setHeader("Content-Transfer-Encoding", "quoted-printable");
        alt.addBodyPart(text);
        alt.addBodyPart(html);
        msg.setContent(alt);
        msg.saveChanges();
        return msg;
    }

    /**
     * The From: header's value, its display name as an RFC 2047 encoded word when it is not ASCII
     * ({@code =?UTF-8?Q?=C3=89quipe_Paris_D=C3=A9main?= <equipe@parisdemain.fr>}). Not {@code setFrom}: the
     * sender's sessions allow UTF-8 for accented recipients, and Jakarta Mail then writes an address header's display
     * name as raw UTF-8 whatever the server offers (the header is written when the message is built, before any server
     * is asked). Raw UTF-8 would be right only to a server that offers SMTPUTF8; the encoded word is right to every
     * server and every reader, so it is always used.
     */
    static String fromHeader(String from) throws MessagingException {
        InternetAddress a = new InternetAddress(from, true);
        String personal = a.getPersonal();
        if (personal != null) {
            try {
                a.setPersonal(personal, StandardCharsets.UTF_8.name());
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException(e); // UTF-8 is always there
            }
        }
        return InternetAddress.toString(new Address[] {a}, "From: ".length());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /**
     * multipart/alternative with a random boundary: Jakarta Mail's own, {@code ----=_Part_N_…}, numbers every multipart
     * the process built, and recipients would read in it how many messages went out between two of theirs.
     */
    private static final class RandomBoundary extends MimeMultipart {
        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

        RandomBoundary() {
            super("alternative");
            byte[] b = new byte[18];
            RANDOM.nextBytes(b);
            // base64url: only characters a boundary allows (RFC 2046); "=_" can never occur in quoted-printable parts
            contentType = "multipart/alternative; boundary=\"=_" + java.util.Base64.getUrlEncoder().encodeToString(b) + "\"";
        }
    }

    /** Keeps the Message-ID fixed in the outbox (saveChanges would otherwise make a new one). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** The outbox could not record the commit: the "." is not sent, the row stays "sending". */
    static final class CommitFailed extends MessagingException {
        CommitFailed(RuntimeException cause) {
            super("marquage « committed » impossible", cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    /**
     * An SMTP connection that runs a callback after the message's data was written and before the
     * terminating "." that lets the server accept it.
     */
    static final class CommittingTransport extends SMTPTransport {
        private Runnable beforeDot = () -> {};
        private boolean dataDone;

        CommittingTransport(Session session, URLName url, boolean ssl) {
            super(session, url, ssl ? "smtps" : "smtp", ssl);
        }

        synchronized void send(MimeMessage m, InternetAddress to, Runnable beforeDot) throws MessagingException {
            this.beforeDot = beforeDot;
            this.dataDone = false;
            try {
                sendMessage(m, new Address[] {to});
                lastReply = System.nanoTime();
            } finally {
                this.beforeDot = () -> {};
            }
        }

        /**
         * Whether to send on this connection without asking first: yes if the server answered a message
         * in the last few seconds (servers drop idle clients after minutes); else a NOOP asks
         * ({@link #isConnected}). Skipping the NOOP saves a round trip a message. Were the connection
         * gone all the same, MAIL FROM fails before any data: the row goes back to the queue.
         */
        synchronized boolean presumedAlive() {
            return System.nanoTime() - lastReply < PRESUMED_ALIVE_NANOS || isConnected();
        }

        private static final long PRESUMED_ALIVE_NANOS = 5_000_000_000L;
        private long lastReply = System.nanoTime() - PRESUMED_ALIVE_NANOS;

        /** Whether the last message's terminating "." was written (its fate then rests with the server). */
        synchronized boolean dataDone() {
            return dataDone;
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            try {
                beforeDot.run();
            } catch (RuntimeException e) {
                throw new CommitFailed(e);
            }
            dataDone = true;
            super.finishData();
        }
    }
}
