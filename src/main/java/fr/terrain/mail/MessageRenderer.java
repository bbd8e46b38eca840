package fr.terrain.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.nibor.autolink.LinkExtractor;

/**
 * Renders a campaign's template for one {@link CheckedRecipient}: the Markdown body to HTML (raw
 * HTML in the template is escaped) and to plain text, the mandatory mentions appended, every link
 * passed through the {@link LinkRewriter}, and the one-click unsubscribe headers (RFC 8058). The
 * entry point the sender, the preview and the test send share.
 */
public final class MessageRenderer {
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe=One-Click";

    /** CommonMark, and bare addresses (https://…, www.…, a@b.fr) made links, as mail clients would show them. */
    private static final Parser PARSER = Parser.builder().extensions(List.of(AutolinkExtension.create())).build();
    private static final LinkExtractor LINKS = LinkExtractor.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    /** Paragraphs, lists and headings apart by a blank line, as the HTML part shows them. */
    private static final TextContentRenderer TEXT = TextContentRenderer.builder()
            .lineBreakRendering(org.commonmark.renderer.text.LineBreakRendering.SEPARATE_BLOCKS).build();

    private final Template template;
    private final SenderIdentity sender;
    private final LinkRewriter rewriter;
    private final Optional<String> unsubscribeMailto;
    private final ThreadLocal<Prepared> prepared; // null: every message is parsed on its own

    /** Where the first name goes in a prepared template: a private-use character no template holds. */
    private static final String NAME_MARK = "\uE000";
    /**
     * First names set into prepared text as they are: a letter, then letters, digits, spaces, apostrophes,
     * hyphens, dots — none of them Markdown syntax inside a line, nor a block marker at its start.
     */
    private static final Pattern PLAIN_NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M}\\p{N} '’.-]*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /**
     * @param unsubscribeMailto an address for mailto: unsubscribes in the List-Unsubscribe header, if any
     */
    public MessageRenderer(Template template, SenderIdentity sender, LinkRewriter rewriter,
            Optional<String> unsubscribeMailto) {
        this(template, sender, rewriter, unsubscribeMailto, true);
    }

    /** @param prepare false parses every message on its own (the reference the prepared rendering must equal) */
    MessageRenderer(Template template, SenderIdentity sender, LinkRewriter rewriter, Optional<String> unsubscribeMailto,
            boolean prepare) {
        this.template = Objects.requireNonNull(template, "template");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.rewriter = rewriter == null ? LinkRewriter.NONE : rewriter;
        this.unsubscribeMailto = unsubscribeMailto == null ? Optional.empty() : unsubscribeMailto;
        this.prepared = prepare && Prepared.possible(template.body()) ? ThreadLocal.withInitial(() -> new Prepared(template.body()))
                : null;
    }

    /** Whether messages are rendered from the template parsed once (else each is parsed on its own). */
    boolean prepared() {
        return prepared != null;
    }

    /** The unsubscribe page of a recipient: where both the footer link and the header point. */
    public String unsubscribeUrl(String token) {
        return sender.baseUrl() + "/desinscription?t=" + token;
    }

    /**
     * The message for one recipient.
     *
     * @param unsubscribeToken the recipient's signed unsubscribe token (valid without tracking)
     */
    public RenderedMessage render(CheckedRecipient r, RecipientRef ref, String unsubscribeToken) {
        Objects.requireNonNull(r, "recipient");
        String firstName = asName(r.facts().firstName());
        String name = firstName == null ? "" : firstName.strip();
        Node doc = prepared != null && PLAIN_NAME.matcher(name).matches()
                ? prepared.get().fill(name, link -> rewriter.rewrite(link, ref))
                : parse(firstName, ref);
        String unsubscribe = unsubscribeUrl(unsubscribeToken);
        String footerLink = rewriter.rewrite(unsubscribe, ref);
        String origin = r.facts().origin().text();

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(subject(firstName))).append("</title></head><body>\n");
        html.append(HTML.render(doc));
        html.append("<hr>\n<p class=\"mentions\" style=\"font-size:small;color:#555\">");
        html.append("Message envoyé par ").append(escape(sender.controller())).append(", ")
                .append(escape(sender.address())).append(" (contact : ").append(escape(sender.contact())).append(").<br>\n");
        html.append("Liste : ").append(escape(sender.list())).append(" — élection : ").append(escape(sender.election()))
                .append(".<br>\n");
        html.append("Origine de votre adresse : ").append(escape(origin)).append(".<br>\n");
        html.append("<a href=\"").append(escape(footerLink)).append("\">Se désinscrire</a> : vous ne recevrez plus aucun"
                + " message de notre part, par aucun canal. Pour exercer vos autres droits (accès, rectification,"
                + " effacement) : ").append(escape(sender.contact())).append(".");
        rewriter.optOutUrl(ref).ifPresent(u -> html.append("<br>\nCe message mesure ses ouvertures et ses clics : <a href=\"")
                .append(escape(u)).append("\">ne plus être suivi</a>."));
        html.append("</p>\n");
        rewriter.openPixelUrl(ref).ifPresent(px -> html.append("<img src=\"").append(escape(px))
                .append("\" width=\"1\" height=\"1\" alt=\"\">\n"));
        html.append("</body></html>\n");

        StringBuilder text = new StringBuilder();
        text.append(TEXT.render(doc).strip()).append("\n\n-- \n");
        text.append("Message envoyé par ").append(sender.controller()).append(", ").append(sender.address())
                .append(" (contact : ").append(sender.contact()).append(").\n");
        text.append("Liste : ").append(sender.list()).append(" — élection : ").append(sender.election()).append(".\n");
        text.append("Origine de votre adresse : ").append(origin).append(".\n");
        text.append("Se désinscrire (plus aucun message, par aucun canal) : ").append(footerLink).append("\n");
        text.append("Exercer vos autres droits (accès, rectification, effacement) : ").append(sender.contact()).append("\n");
        rewriter.optOutUrl(ref).ifPresent(u -> text.append("Ce message mesure ses ouvertures et ses clics ; ne plus être"
                + " suivi : ").append(u).append("\n"));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribe + ">"
                + unsubscribeMailto.map(m -> ", <mailto:" + m + "?subject=unsubscribe>").orElse(""));
        headers.put("List-Unsubscribe-Post", LIST_UNSUBSCRIBE_POST);
        return new RenderedMessage(sender.fromAddress(), r.email(), subject(firstName), html.toString(), text.toString(),
                headers, ref.messageId(), footerLink);
    }

    /**
     * A first name as a message may show it: none when it holds a web or e-mail address, which no name does
     * (a sign-up form's « prénom » filled with a link would otherwise put it in the message, and among the
     * campaign's tracked links).
     */
    static String asName(String firstName) {
        return firstName == null || LINKS.extractLinks(firstName).iterator().hasNext() ? null : firstName;
    }

    /** The filled template parsed on its own, its links rewritten. */
    private Node parse(String firstName, RecipientRef ref) {
        Node doc = PARSER.parse(Template.fill(template.body(), firstName, s -> s.replace("[", "\\[")
                .replace("]", "\\]").replace("<", "\\<").replace("*", "\\*").replace("_", "\\_")));
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                link.setDestination(rewriter.rewrite(link.getDestination(), ref));
                visitChildren(link);
            }
        });
        return doc;
    }

    private String subject(String firstName) {
        return CONTROL.matcher(Template.fill(template.subject(), firstName, s -> s)).replaceAll(" ");
    }

    /**
     * One thread's copy of the template parsed with {@link #NAME_MARK} for the first name: the
     * literals that hold the mark, and the links with their destinations as written.
     */
    private static final class Prepared {
        final Node doc;
        final List<Consumer<String>> setters = new ArrayList<>();
        final List<String> literals = new ArrayList<>();
        final List<Link> links = new ArrayList<>();
        final List<String> destinations = new ArrayList<>();
        boolean markElsewhere;

        Prepared(String body) {
            doc = PARSER.parse(Template.fill(body, NAME_MARK, s -> s));
            doc.accept(new AbstractVisitor() {
                @Override
                public void visit(Text n) {
                    slot(n.getLiteral(), n::setLiteral);
                }

                @Override
                public void visit(Code n) {
                    slot(n.getLiteral(), n::setLiteral);
                }

                @Override
                public void visit(FencedCodeBlock n) {
                    markElsewhere |= has(n.getInfo());
                    slot(n.getLiteral(), n::setLiteral);
                }

                @Override
                public void visit(IndentedCodeBlock n) {
                    slot(n.getLiteral(), n::setLiteral);
                }

                @Override
                public void visit(Link n) {
                    markElsewhere |= has(n.getDestination()) || has(n.getTitle());
                    links.add(n);
                    destinations.add(n.getDestination());
                    visitChildren(n);
                }

                @Override
                public void visit(Image n) {
                    markElsewhere |= has(n.getDestination()) || has(n.getTitle());
                    visitChildren(n);
                }

                @Override
                public void visit(HtmlInline n) {
                    markElsewhere |= has(n.getLiteral());
                }

                @Override
                public void visit(HtmlBlock n) {
                    markElsewhere |= has(n.getLiteral());
                }
            });
        }

        /** Whether a body can be prepared: the mark only in text and code, where a name is literal text. */
        static boolean possible(String body) {
            return !body.contains(NAME_MARK) && !new Prepared(body).markElsewhere;
        }

        private static boolean has(String s) {
            return s != null && s.contains(NAME_MARK);
        }

        private void slot(String literal, Consumer<String> setter) {
            if (has(literal)) {
                literals.add(literal);
                setters.add(setter);
            }
        }

        /** The document for one recipient: the name in its places, each link's destination rewritten. */
        Node fill(String name, java.util.function.UnaryOperator<String> rewrite) {
            for (int i = 0; i < setters.size(); i++) {
                setters.get(i).accept(literals.get(i).replace(NAME_MARK, name));
            }
            for (int i = 0; i < links.size(); i++) {
                links.get(i).setDestination(rewrite.apply(destinations.get(i)));
            }
            return doc;
        }
    }

    /** Text as HTML shows it: {@code < > & " '} as entities (also for the web's pages, {@code web.Replies}). */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
