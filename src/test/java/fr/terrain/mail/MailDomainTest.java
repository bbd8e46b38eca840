package fr.terrain.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.Identifier;
import fr.terrain.privacy.SourceCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The domain rules of e-mail campaigns: who may be written to, what every message carries. */
class MailDomainTest {
    static final SenderIdentity SENDER = new SenderIdentity("Association de financement Paris Demain",
            "12 rue de la Roquette, 75011 Paris", "contact@parisdemain.fr", "Paris Demain", "municipales 2026",
            "equipe@parisdemain.fr", "https://terrain.parisdemain.fr");
    static final Origin ORIGIN = new Origin(SourceCategory.REGULAR_CONTACTS, "fichier des sympathisants",
            LocalDate.of(2026, 1, 12), "fichier « contacts.csv » importé le 2026-01-15, import n° 4");

    /** Message-IDs take the From: address's domain, a display name or not (it once kept the closing « > »). */
    @Test
    void theMessageIdDomainIsTheAddresssWithOrWithoutADisplayName() {
        assertThat(SENDER.domain()).isEqualTo("parisdemain.fr");
        SenderIdentity named = new SenderIdentity(SENDER.controller(), SENDER.address(), SENDER.contact(), SENDER.list(),
                SENDER.election(), "Paris Demain <equipe@parisdemain.fr>", "https://terrain.parisdemain.fr");
        assertThat(named.domain()).isEqualTo("parisdemain.fr");
    }

    /** A French date, as a reader writes it: « le 1er mars 2026 » (the first of the month is an ordinal), never ISO. */
    @Test
    void theOriginSaysItsDatesInFrenchWithTheFirstOfTheMonthAsAnOrdinal() {
        Origin first = new Origin(SourceCategory.REGULAR_CONTACTS, null, LocalDate.of(2026, 3, 1), "fichier « a.csv »");
        assertThat(first.text()).isEqualTo("contacts réguliers, recueillie le 1er mars 2026 (fichier « a.csv »)");
        assertThat(Origin.day(LocalDate.of(2026, 12, 1))).isEqualTo("1er décembre 2026");
        assertThat(Origin.day(LocalDate.of(2026, 8, 2))).isEqualTo("2 août 2026");
        assertThat(Origin.day(LocalDate.of(2026, 2, 21))).isEqualTo("21 février 2026");
    }

    /**
     * A first name in a link's or an image's address is refused when the template is read: each recipient's name went
     * to that site (an image: at each opening, to whoever hosts it) and stayed in the campaign's tracked links
     * ({@code mail_link}), which the erasure of the person does not reach.
     */
    /** An unknown variable named once, however often written (« [{{nom}}, {{nom}}] » read as a Java list). */
    @Test
    void anUnknownVariableIsNamedOnceInWords() {
        assertThatThrownBy(() -> Template.parse("subject: Test {{nom}}\n\nBonjour {{nom}}")).hasMessage(
                "variable inconnue {{nom}} : seules {{first_name}} et {{prenom}} existent");
        assertThatThrownBy(() -> Template.parse("subject: {{nom}}\n\n{{ville}} {{nom}}")).hasMessageStartingWith(
                "variables inconnues {{nom}}, {{ville}} : ");
    }

    @Test
    void aFirstNameInALinkOrImageAddressIsRefusedWithTheAddress() {
        for (String body : new String[] {"[votre page](https://parisdemain.fr/accueil?prenom={{first_name}})",
                "Votre page : https://parisdemain.fr/p/{{prenom}}#haut", "![](https://images.example/{{first_name}}.png)",
                "<https://parisdemain.fr/?n={{ first_name }}>"}) {
            assertThatThrownBy(() -> Template.parse("subject: S\n\nBonjour,\n\n" + body)).as(body)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("{{first_name}} dans l'adresse d'un lien ou d'une image")
                    .hasMessageContaining("https://");
        }
        assertThatThrownBy(() -> Template.parse("subject: S\n\n[a](https://parisdemain.fr/accueil?prenom={{first_name}})"))
                .hasMessageContaining("« https://parisdemain.fr/accueil?prenom={{first_name}} »");
        // in the text of a link, its title or anywhere else it is a name shown to its reader: allowed
        Template.parse("subject: {{first_name}}\n\n[{{first_name}}, lisez](https://parisdemain.fr/p \"pour {{first_name}}\")"
                + " `{{first_name}}` <b>{{first_name}}</b>");
    }

    static ContactFacts facts(String email, String first, boolean regular, ConsentHistory.Status consent,
            boolean undeliverable) {
        return new ContactFacts(1, 1, email, first, 11, null, Set.of("logement"), regular, consent, undeliverable,
                Optional.empty(), ORIGIN);
    }

    @Provide
    Arbitrary<ContactFacts> contacts() {
        Arbitrary<String> emails = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)
                .map(s -> s + "@exemple.fr");
        return Combinators.combine(emails, Arbitraries.of(true, false),
                Arbitraries.of(ConsentHistory.Status.class), Arbitraries.of(true, false))
                .as((e, r, c, u) -> facts(e, "Jean", r, c, u));
    }

    /** Whatever the contact and the suppression list, a recipient is built only when every rule allows it. */
    @Property(tries = 500)
    void aRecipientIsBuiltOnlyFromAConsentingOrRegularUnsuppressedDeliverableContact(
            @ForAll("contacts") ContactFacts c, @ForAll boolean suppressed) {
        var check = CheckedRecipient.check(c, id -> suppressed);
        boolean allowedByRules = !suppressed && !c.undeliverable()
                && (c.emailConsent() == ConsentHistory.Status.GIVEN
                        || (c.regularContact() && c.emailConsent() == ConsentHistory.Status.NEVER_GIVEN));
        assertThat(check instanceof CheckedRecipient.Allowed).isEqualTo(allowedByRules);
        if (suppressed) {
            assertThat(check).isEqualTo(new CheckedRecipient.Refused(c, CheckedRecipient.Refusal.SUPPRESSED));
        }
    }

    @Test
    void theSuppressionListIsAskedAboutTheNormalisedAddress() {
        Identifier[] asked = new Identifier[1];
        CheckedRecipient.check(facts("  Marie.Curie@Exemple.FR ", "Marie", true, ConsentHistory.Status.NEVER_GIVEN,
                false), id -> {
                    asked[0] = id;
                    return false;
                });
        assertThat(asked[0]).isEqualTo(new Identifier(Identifier.Kind.EMAIL, "marie.curie@exemple.fr"));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("<script>alert(1)</script>", "[clic](https://evil.example)", "**Jean**", "Zoé & Léa",
                        "a\r\nBcc: x@evil.example", "{{first_name}}", "\"><img src=x>"));
    }

    /** Every message, whatever the first name, carries the mandatory blocks and only its recipient. */
    @Property(tries = 300)
    void everyRenderedMessageHasItsMandatoryBlocksAndOneRecipient(@ForAll("names") String first,
            @ForAll @IntRange(min = 1, max = 1_000_000) int row) {
        var ok = (CheckedRecipient.Allowed) CheckedRecipient.check(facts("jean" + row + "@exemple.fr", first, true,
                ConsentHistory.Status.NEVER_GIVEN, false), id -> false);
        var renderer = new MessageRenderer(Template.parse("subject: Bonjour {{first_name}}\n\nBonjour {{prenom}},"
                + " [le programme](https://parisdemain.fr/p)."), SENDER, LinkRewriter.NONE, Optional.empty());
        RecipientRef ref = new RecipientRef(row, 3, "<m" + row + "@parisdemain.fr>");
        RenderedMessage m = renderer.render(ok.recipient(), ref, row + ".abc");
        assertThat(MandatoryBlocks.missing(m, SENDER, ok.recipient(), renderer.unsubscribeUrl(row + ".abc"))).isEmpty();
        assertThat(m.to()).isEqualTo("jean" + row + "@exemple.fr");
        assertThat(m.subject()).doesNotContain("\r").doesNotContain("\n");
        // a name can add no markup and no link to the HTML: the only tags are the template's own
        assertThat(m.html()).doesNotContain("<script").doesNotContain("<img src=x").doesNotContain("evil.example\"");
        assertThat(m.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .containsEntry("List-Unsubscribe", "<https://terrain.parisdemain.fr/desinscription?t=" + row + ".abc>");
    }

    /**
     * The plain-text part keeps the template's paragraphs apart, as the HTML part does: it ran them together, one
     * line after another (« Bonjour Jean,\nNous présentons… »), and a list stuck to the paragraph before it.
     */
    @Test
    void theTextPartKeepsTheParagraphsOfTheTemplateApart() {
        var ok = (CheckedRecipient.Allowed) CheckedRecipient.check(facts("a@exemple.fr", "Jean", true,
                ConsentHistory.Status.NEVER_GIVEN, false), id -> false);
        for (boolean prepare : new boolean[] {true, false}) {
            var renderer = new MessageRenderer(Template.parse("subject: S\n\nBonjour {{first_name}},\n\nNous présentons"
                    + " **notre programme** jeudi.\nVenez nombreux.\n\nAu menu :\n\n- le logement\n- les écoles\n"),
                    SENDER, LinkRewriter.NONE, Optional.empty(), prepare);
            String text = renderer.render(ok.recipient(), new RecipientRef(1, 1, "<m1@parisdemain.fr>"), "1.t").text();
            assertThat(text).startsWith("Bonjour Jean,\n\nNous présentons notre programme jeudi.\nVenez nombreux.\n\n"
                    + "Au menu :\n\n- le logement\n- les écoles\n\n-- \nMessage envoyé par ");
        }
    }

    @Test
    void aRewriterSeesEveryLinkIncludingTheUnsubscribeOneButNotTheHeader() {
        var ok = (CheckedRecipient.Allowed) CheckedRecipient.check(facts("a@exemple.fr", "A", false,
                ConsentHistory.Status.GIVEN, false), id -> false);
        java.util.List<String> seen = new java.util.ArrayList<>();
        LinkRewriter tracking = new LinkRewriter() {
            @Override
            public String rewrite(String url, RecipientRef r) {
                seen.add(url);
                return "https://t.parisdemain.fr/c/" + r.outboxId() + "?u=" + seen.size();
            }

            @Override
            public Optional<String> openPixelUrl(RecipientRef r) {
                return Optional.of("https://t.parisdemain.fr/o/" + r.outboxId() + ".gif");
            }
        };
        var renderer = new MessageRenderer(Template.parse("subject: S\n\n[un](https://a.fr) et [deux](https://b.fr)"),
                SENDER, tracking, Optional.of("desinscription@parisdemain.fr"));
        RecipientRef ref = new RecipientRef(9, 1, "<x@parisdemain.fr>");
        RenderedMessage m = renderer.render(ok.recipient(), ref, "9.tok");
        assertThat(seen).contains("https://a.fr", "https://b.fr", "https://terrain.parisdemain.fr/desinscription?t=9.tok");
        assertThat(m.html()).contains("https://t.parisdemain.fr/o/9.gif").doesNotContain("href=\"https://a.fr\"");
        // the one-click header keeps the real URL: a POST must reach Terrain, not a redirect
        assertThat(m.headers().get("List-Unsubscribe")).isEqualTo("<https://terrain.parisdemain.fr/desinscription?t=9.tok>,"
                + " <mailto:desinscription@parisdemain.fr?subject=unsubscribe>");
        assertThat(MandatoryBlocks.missing(m, SENDER, ok.recipient(), renderer.unsubscribeUrl("9.tok")))
                .isEmpty();
    }

    @Test
    void bareAddressesInATemplateAreLinksAndTrackedButNotInCodeNorFromAName() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        LinkRewriter tracking = new LinkRewriter() {
            @Override
            public String rewrite(String url, RecipientRef r) {
                seen.add(url);
                return url.startsWith("http") ? "https://t.parisdemain.fr/c/" + seen.size() : url;
            }

            @Override
            public Optional<String> openPixelUrl(RecipientRef r) {
                return Optional.empty();
            }
        };
        var renderer = new MessageRenderer(Template.parse("subject: Bonjour {{first_name}}\n\nBonjour {{first_name}},"
                + " inscrivez-vous sur https://parisdemain.fr/benevoles ou www.parisdemain.fr, écrivez à"
                + " equipe@parisdemain.fr ; `https://exemple.fr/code` reste du code."), SENDER, tracking, Optional.empty());
        RecipientRef ref = new RecipientRef(9, 1, "<x@parisdemain.fr>");
        var zoe = (CheckedRecipient.Allowed) CheckedRecipient.check(facts("zoe@exemple.fr", "Zoé", false,
                ConsentHistory.Status.GIVEN, false), id -> false);
        RenderedMessage m = renderer.render(zoe.recipient(), ref, "9.tok");
        assertThat(seen).containsSubsequence("https://parisdemain.fr/benevoles", "http://www.parisdemain.fr",
                "mailto:equipe@parisdemain.fr").doesNotContain("https://exemple.fr/code");
        assertThat(m.html()).contains("Bonjour Zoé").contains("href=\"https://t.parisdemain.fr/c/1\">https://parisdemain.fr/benevoles</a>")
                .contains("href=\"https://t.parisdemain.fr/c/2\">www.parisdemain.fr</a>")
                .contains("href=\"mailto:equipe@parisdemain.fr\">").contains("<code>https://exemple.fr/code</code>");
        assertThat(m.text()).contains("https://t.parisdemain.fr/c/1");

        // a « prénom » that is a link is no name: neither shown nor linked, in the body or the subject
        for (String spam : new String[] {"https://gain-facile.example/x", "www.gain-facile.example", "moi@spam.example"}) {
            seen.clear();
            var bot = (CheckedRecipient.Allowed) CheckedRecipient.check(facts("bot@exemple.fr", spam, false,
                    ConsentHistory.Status.GIVEN, false), id -> false);
            RenderedMessage b = renderer.render(bot.recipient(), ref, "9.tok");
            assertThat(b.html()).as(spam).doesNotContain("gain-facile").doesNotContain("spam.example").contains("Bonjour ,");
            assertThat(b.subject().strip()).isEqualTo("Bonjour");
            assertThat(seen).as(spam).noneMatch(u -> u.contains("gain-facile") || u.contains("spam.example"));
        }
    }

    @Test
    void aSendWithoutTheSenderIdentityIsRefused() {
        SenderIdentity incomplete = SenderIdentity.fromSettings(java.util.Map.of("mail.from", "a@b.fr"));
        var ok = (CheckedRecipient.Allowed) CheckedRecipient.check(facts("a@exemple.fr", "A", true,
                ConsentHistory.Status.NEVER_GIVEN, false), id -> false);
        var r = new MessageRenderer(Template.parse("subject: S\n\nCorps"), incomplete, LinkRewriter.NONE, Optional.empty());
        RecipientRef ref = new RecipientRef(1, 1, "<x@b.fr>");
        var missing = MandatoryBlocks.missing(r.render(ok.recipient(), ref, "1.t"), incomplete, ok.recipient(),
                r.unsubscribeUrl("1.t"));
        assertThat(missing).anyMatch(s -> s.contains("campaign.controller")).anyMatch(s -> s.contains("mail.list"))
                .anyMatch(s -> s.contains("mail.base-url"));
    }

    @Test
    void segmentsParseAndSelect() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        ContactFacts c = new ContactFacts(1, 1, "a@b.fr", "A", 12, "75112_0007", Set.of("Logement", "écoles"), false,
                ConsentHistory.Status.GIVEN, false, Optional.of(now.minusSeconds(86_400 * 10)), ORIGIN);
        assertThat(Segment.parse("all").matches(c, now)).isTrue();
        assertThat(Segment.parse("sector:11,12").matches(c, now)).isTrue();
        assertThat(Segment.parse("sector:11").matches(c, now)).isFalse();
        assertThat(Segment.parse("station:75112_0007+topic:logement").matches(c, now)).isTrue();
        assertThat(Segment.parse("topic:Ecoles").matches(c, now)).isTrue();
        assertThat(Segment.parse("engaged:30d").matches(c, now)).isTrue();
        assertThat(Segment.parse("engaged:7d").matches(c, now)).isFalse();
        assertThat(Segment.parse("consent:given").matches(c, now)).isTrue();
        assertThat(Segment.parse("consent:regular").matches(c, now)).isFalse();
        assertThatThrownBy(() -> Segment.parse("sector:douze")).hasMessageContaining("« douze » n'est ni un arrondissement")
                .hasMessageContaining("dans « sector:douze »");
        assertThatThrownBy(() -> Segment.parse("sector:11,100+topic:logement"))
                .hasMessageContaining("« 100 » n'est ni un arrondissement (1 à 99) ni le code INSEE d'une commune")
                .hasMessageContaining("dans « sector:11,100 »");
        assertThatThrownBy(() -> Segment.parse("engaged:30")).hasMessageContaining("engaged:Nd");
        assertThatThrownBy(() -> Segment.parse("surname:DUPONT")).hasMessageContaining("terme de segment inconnu");
    }

    /** ADR 0033: a contact's sector is any sector (ADR 0032), its commune written as INSEE does, read as --sectors reads it. */
    @Test
    void aSectorSegmentSelectsTheContactsOfACommuneWrittenAsInseeWritesIt() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        ContactFacts concarneau = new ContactFacts(1, 1, "a@b.fr", "A", 29039, "29039-3", Set.of(), false,
                ConsentHistory.Status.GIVEN, false, Optional.empty(), ORIGIN);
        ContactFacts ajaccio = new ContactFacts(2, 2, "c@d.fr", "C", 20004, null, Set.of(), false,
                ConsentHistory.Status.GIVEN, false, Optional.empty(), ORIGIN);
        ContactFacts paris12 = new ContactFacts(3, 3, "e@f.fr", "E", 12, "12-7", Set.of(), false,
                ConsentHistory.Status.GIVEN, false, Optional.empty(), ORIGIN);
        Segment commune = Segment.parse("sector:29039");
        assertThat(commune.sectors()).containsExactly(29039);
        assertThat(List.of(concarneau, ajaccio, paris12)).filteredOn(c -> commune.matches(c, now)).containsExactly(concarneau);
        assertThat(Segment.parse("sector:2a004,12").sectors()).containsExactlyInAnyOrder(20004, 12);
        assertThat(Segment.parse("sector:20004").matches(ajaccio, now)).isTrue();
        assertThatThrownBy(() -> Segment.parse("sector:75112"))
                .hasMessageContaining("« 75112 » est Paris 12e : écrivez 12 dans « sector:75112 »");
        assertThatThrownBy(() -> Segment.parse("sector:29039-3")).hasMessageContaining("« 29039-3 » n'est ni");
    }

    @Test
    void aContactsSectorIsAnySectorAndItsStationLiesInIt() {
        assertThatCode(() -> ContactSector.check(20, null)).doesNotThrowAnyException();
        assertThatCode(() -> ContactSector.check(99, null)).doesNotThrowAnyException(); // an organizer may have it (ADR 0032)
        assertThatCode(() -> ContactSector.check(29039, "29039-3")).doesNotThrowAnyException();
        for (int wrong : new int[] {0, 100, 75112, -1}) {
            assertThatThrownBy(() -> ContactSector.check(wrong, null)).as("" + wrong)
                    .hasMessage("secteur invalide : " + wrong + " (" + fr.terrain.election.SectorCodes.SPELLING + ")");
        }
        assertThat(ContactSector.stationProblem(12, "12-7")).isEmpty();
        assertThat(ContactSector.stationProblem(null, " 012-07 ")).isEmpty();
        assertThat(ContactSector.stationProblem(29039, "29039-3")).isEmpty();
        assertThat(ContactSector.stationProblem(11, "12-7")).hasValue("bureau 12-7 dans le 12e arrondissement, mais"
                + " secteur 11 sur la même ligne");
        assertThat(ContactSector.stationProblem(29039, "29040-1")).hasValue("bureau 29040-1 dans la commune 29040, mais"
                + " secteur 29039 sur la même ligne");
        assertThat(ContactSector.stationProblem(12, "29039-3")).hasValue("bureau 29039-3 dans la commune 29039, mais"
                + " secteur 12 sur la même ligne");
        assertThat(ContactSector.stationProblem(null, "150-1")).hasValue("bureau 150-1 : 150 n'est ni un arrondissement"
                + " (1 à 99) ni une commune");
        // another spelling of a station is kept as given: nothing to compare it with
        assertThat(ContactSector.stationProblem(11, "75112_0007")).isEmpty();
        assertThatThrownBy(() -> ContactSector.check(1, "12-7")).hasMessageContaining("mais secteur 1 sur");
    }

    @Test
    void aCampaignNameMayHoldAccentsButNoSpace() {
        Template t = Template.parse("subject: S\n\nCorps");
        Campaign named = new Campaign(0, "rentrée-2026", t.subject(), t.text(), Segment.parse("all"), Campaign.Status.DRAFT,
                Optional.empty(), "test", Instant.EPOCH);
        assertThat(named.name()).isEqualTo("rentrée-2026");
        for (String wrong : new String[] {"rentrée 2026", "-rentree", "lettre/1", "", "x".repeat(101)}) {
            assertThatThrownBy(() -> new Campaign(0, wrong, t.subject(), t.text(), Segment.parse("all"),
                    Campaign.Status.DRAFT, Optional.empty(), "test", Instant.EPOCH))
                    .as(wrong).hasMessageStartingWith("nom de campagne invalide : « " + wrong + " »");
        }
    }

    @Test
    void templatesNeedASubjectAndKnownPlaceholders() {
        assertThatThrownBy(() -> Template.parse("Bonjour")).hasMessageContaining("subject:");
        assertThatThrownBy(() -> Template.parse("subject: S\n\nBonjour {{nom}}")).hasMessageContaining("{{nom}}");
        assertThat(Template.parse("objet: Réunion\n\nCorps").subject()).isEqualTo("Réunion");
    }

    @Test
    void parisTimeIsStoredAsAnInstantAcrossDaylightSaving() {
        // 10 March 2026: winter time, UTC+1; 10 June: summer time, UTC+2
        assertThat(Schedule.parse("2026-03-10 18:00")).isEqualTo(Instant.parse("2026-03-10T17:00:00Z"));
        assertThat(Schedule.parse("2026-06-10 18:00")).isEqualTo(Instant.parse("2026-06-10T16:00:00Z"));
        // 29 March 2026 02:30 does not exist in Paris (clocks jump from 02:00 to 03:00): moved forward by the gap
        assertThat(Schedule.parse("2026-03-29 02:30")).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(Schedule.format(Instant.parse("2026-03-10T17:00:00Z"))).isEqualTo("2026-03-10 18:00");
        // the French ways of writing it
        for (String french : new String[] {"10/03/2026 18:00", "10/03/2026 18h00", "10/03/2026 18h", "10/3/2026 18 h"}) {
            assertThat(Schedule.parse(french)).as(french).isEqualTo(Instant.parse("2026-03-10T17:00:00Z"));
        }
        assertThat(Schedule.parse("2026-03-10 9:05")).isEqualTo(Instant.parse("2026-03-10T08:05:00Z"));
        for (String wrong : new String[] {"31/02/2026 18:00", "2026-03-10", "demain 18h", "10/03/2026 25:00"}) {
            assertThatThrownBy(() -> Schedule.parse(wrong)).as(wrong)
                    .hasMessage("heure invalide « " + wrong + " » : AAAA-MM-JJ HH:MM ou JJ/MM/AAAA HH:MM, heure de Paris");
        }
        // a time to come is kept; one gone (or now) is refused, written the French way
        Instant at = Schedule.parse("10/03/2026 18:00");
        assertThat(Schedule.ahead(at, at.minusSeconds(60))).isEqualTo(at);
        for (Instant now : new Instant[] {at, at.plusSeconds(60)}) {
            assertThatThrownBy(() -> Schedule.ahead(at, now))
                    .hasMessage("heure d'envoi passée (10/03/2026 18:00, heure de Paris) : donnez une heure à venir, ou aucune");
        }
    }
}
