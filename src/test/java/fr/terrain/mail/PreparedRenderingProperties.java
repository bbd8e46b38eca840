package fr.terrain.mail;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.privacy.ConsentHistory;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A template parsed once and filled per recipient renders exactly what parsing each filled template
 * on its own renders (the reference), whatever the first name and wherever the placeholder stands.
 */
class PreparedRenderingProperties {
    static final String[] BODIES = {
        "Bonjour {{first_name}},\n\nNous présentons **notre programme** jeudi.\n"
                + "[Lire le programme](https://parisdemain.fr/programme) — [Aider](https://parisdemain.fr/aider?x=1&y=2)\n\n"
                + "Agenda : https://parisdemain.fr/agenda ou www.parisdemain.fr. À jeudi !",
        "# {{prenom}}, votre quartier\n\n- logement\n- transports pour *{{first_name}}*\n\n> « {{first_name}} » cité\n",
        "Cher·e {{first_name}}  \nligne suivante `code {{first_name}}` et [{{first_name}} ici](https://a.fr \"titre\")\n\n"
                + "    bloc indenté {{first_name}}\n\n```\nclôturé {{first_name}}\n```\n",
        "{{first_name}}\n\nUn paragraphe sans lien, avec une image ![alt {{first_name}}](https://img.fr/a.png).",
        // the placeholder where a name is not text: these templates are parsed per message
        // (a name in a link's or an image's address is refused by Template.parse: the titles stand for it here)
        "Voir [ici](https://parisdemain.fr/ \"pour {{first_name}}\") ou <b>{{first_name}}</b>",
        "<div>{{first_name}}</div>\n\nBonjour",
        "Image ![x](https://img.fr/a.png \"{{first_name}}\")",
    };

    static final LinkRewriter TRACKING = new LinkRewriter() {
        @Override
        public String rewrite(String url, RecipientRef r) {
            return "https://t.parisdemain.fr/c/" + r.outboxId() + "?u=" + url.length();
        }

        @Override
        public Optional<String> openPixelUrl(RecipientRef r) {
            return Optional.of("https://t.parisdemain.fr/o/" + r.outboxId() + ".gif");
        }
    };

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> plain = Arbitraries.strings().withChars("aéèçÉÀzZ ôï'’-.0123456789").ofMaxLength(16)
                .map(s -> "M" + s);
        Arbitrary<String> any = Arbitraries.strings().withChars("ab *_[]<>&\\`#!-1.  \t'\"").ofMaxLength(10);
        return Arbitraries.oneOf(plain, any, Arbitraries.of("", "  ", "Jean-Marie", "Zoé", "1. Liste", "- tiret",
                "Anne  Sophie", "O'Neil", "Prénom123", "www.spam.example", "https://spam.example", "a@spam.example"));
    }

    @Property(tries = 400)
    void preparedEqualsParsedOnItsOwn(@ForAll("names") String name, @ForAll("bodies") String body,
            @ForAll boolean tracking) {
        Template t = Template.parse("subject: {{first_name}}, notre programme\n\n" + body);
        LinkRewriter rw = tracking ? TRACKING : LinkRewriter.NONE;
        MessageRenderer prepared = new MessageRenderer(t, MailDomainTest.SENDER, rw, Optional.empty());
        MessageRenderer reference = new MessageRenderer(t, MailDomainTest.SENDER, rw, Optional.empty(), false);
        var r = ((CheckedRecipient.Allowed) CheckedRecipient.check(MailDomainTest.facts("a@exemple.fr", name, true,
                ConsentHistory.Status.NEVER_GIVEN, false), id -> false)).recipient();
        for (int i = 0; i < 2; i++) { // twice: the second message reuses the thread's prepared document
            RecipientRef ref = new RecipientRef(40 + i, 2, "<m" + i + "@parisdemain.fr>");
            assertThat(prepared.render(r, ref, i + ".tok")).isEqualTo(reference.render(r, ref, i + ".tok"));
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.of(BODIES);
    }

    @Example
    void aPlaceholderInALinkAddressImageOrRawHtmlIsParsedPerMessageTheOthersOnce() {
        for (int i = 0; i < BODIES.length; i++) {
            var renderer = new MessageRenderer(Template.parse("subject: S\n\n" + BODIES[i]), MailDomainTest.SENDER,
                    LinkRewriter.NONE, Optional.empty());
            assertThat(renderer.prepared()).as(BODIES[i]).isEqualTo(i < 4);
        }
    }
}
