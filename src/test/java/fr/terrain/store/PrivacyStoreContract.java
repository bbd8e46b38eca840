package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.ImportReport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.InputError;
import fr.terrain.ingest.Progress;
import fr.terrain.privacy.CampaignIdentity;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.Identifiers;
import fr.terrain.privacy.RetentionPolicy;
import fr.terrain.privacy.RightsRequest;
import fr.terrain.privacy.SourceCategory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consent ledger, suppression list and rights requests on every database (H2 and PostgreSQL
 * subclasses): the person objected to cannot come back through a re-import, and an erased person
 * leaves nothing but the suppression hashes.
 */
abstract class PrivacyStoreContract {
    static final String CONTEST = "paris-2026";
    static final String HEADER = String.join(";", fr.terrain.ingest.ElectoralListReader.COLUMNS) + "\n";
    static final String DUPONT = "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;MARTIN;Marie Claire;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n";
    static final String DURAND = "LG;LE;01/01/2026;75;75112;Paris 12e;2;M;DURAND;;Paul;30/11/1990;Paris;75;FRANCE;;École;8;;8;;;14;RUE;DE PICPUS;;75012;PARIS;FRANCE\n";
    static final String LEROY = "LG;LE;01/01/2026;75;75112;Paris 12e;3;F;LEROY;;Anne;15/06/1985;Paris;75;FRANCE;;École;8;;8;;;3;AV;DAUMESNIL;;75012;PARIS;FRANCE\n";

    @TempDir
    Path tmp;

    Store store;
    IdentifierHasher hasher;
    Importer importer;
    Path list;

    abstract Store newStore(Path tmp);

    void release(Store s) {
        s.close();
    }

    @BeforeEach
    void open() throws IOException {
        store = newStore(tmp);
        hasher = HashKeyFile.load(tmp.resolve("home"));
        importer = new Importer(store, Progress.NONE, false, hasher);
        Elections.add(store, List.of(new Election("paris-2026-t1", CONTEST, ElectionKind.MUNICIPALES, "paris", 1,
                LocalDate.of(2026, 3, 15), null)));
        list = tmp.resolve("liste.csv");
        Files.writeString(list, HEADER + DUPONT + DURAND + LEROY, StandardCharsets.UTF_8);
    }

    @AfterEach
    void close() {
        release(store);
    }

    ImportReport importList(LocalDate collectedOn) {
        return importer.voters(list, CONTEST, SourceCategory.ELECTORAL_LIST, "Préfecture de police", collectedOn, Map.of(),
                null);
    }

    List<String> voterNames() {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT birth_name FROM voter ORDER BY birth_name")
                .mapTo(String.class).list());
    }

    long voterId(String birthName) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM voter WHERE birth_name = :n").bind("n", birthName)
                .mapTo(Long.class).one());
    }

    @Test
    void theKeyIsCreatedOnceInTheDataDirectoryAndNeverInTheDatabase() throws IOException {
        Path key = tmp.resolve("home").resolve(HashKeyFile.NAME);
        String text = Files.readString(key);
        assertThat(HashKeyFile.load(tmp.resolve("home")).hash(Identifiers.emailOf("a@b.fr"))).isEqualTo(hasher.hash(
                Identifiers.emailOf("a@b.fr")));
        assertThat(Files.readString(key)).isEqualTo(text);
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
        importList(LocalDate.of(2026, 1, 10));
        assertThat(TestStores.dump(store)).doesNotContain(text.strip());
    }

    @Test
    void anObjectorIsRemovedAndNoReimportBringsThemBack() throws IOException {
        importList(LocalDate.of(2026, 1, 10));
        PersonRecord dupont = Persons.forVoter(store, voterId("DUPONT"));
        var added = SuppressionList.addPerson(store, hasher, dupont, SuppressionList.Reason.OBJECTION, "letter", "claire");
        assertThat(added.voterRowsRemoved()).isEqualTo(1);
        assertThat(added.hashes()).isEqualTo(4); // name + birth date and name + address, under birth and usage names
        assertThat(voterNames()).containsExactly("DURAND", "LEROY");

        // the same file again: nothing to do, and DUPONT is still gone
        assertThat(importList(LocalDate.of(2026, 1, 10)).skipped()).isTrue();
        assertThat(voterNames()).containsExactly("DURAND", "LEROY");

        // a new extract of the same list: it is written again, without DUPONT, and says so
        ImportReport again = importList(LocalDate.of(2026, 2, 1));
        assertThat(again.skipped()).isFalse();
        assertThat(again.rowsRead()).isEqualTo(3);
        assertThat(again.rowsStored()).isEqualTo(2);
        assertThat(again.notes()).containsExactly("1 électeur(s) ignoré(s) : inscrits sur la liste d'opposition");
        assertThat(voterNames()).containsExactly("DURAND", "LEROY");

        // an extract without him: the list was looked at, nobody left out (it said « 0 électeur(s) ignoré(s) »)
        Files.writeString(list, HEADER + DURAND + LEROY, StandardCharsets.UTF_8);
        assertThat(importList(LocalDate.of(2026, 3, 1)).notes())
                .containsExactly("liste d'opposition consultée : aucun électeur de ce fichier n'y est inscrit");
    }

    /**
     * The voters' version ({@link FieldData#votersVersion}) that the pages' caches of voter figures compare moves with
     * every way voter rows change, each recorded with its kind, and with nothing that leaves them as they were.
     */
    @Test
    void everyChangeOfTheVoterRowsMovesTheVotersVersion() throws IOException {
        long empty = FieldData.votersVersion(store);
        importList(LocalDate.of(2026, 1, 10));
        long imported = FieldData.votersVersion(store);
        assertThat(imported).isGreaterThan(empty);
        assertThat(importList(LocalDate.of(2026, 1, 10)).skipped()).isTrue(); // the same file: nothing written
        assertThat(FieldData.votersVersion(store)).isEqualTo(imported);

        SuppressionList.addPerson(store, hasher, Persons.forVoter(store, voterId("DUPONT")),
                SuppressionList.Reason.OBJECTION, "letter", "claire");
        long objected = FieldData.votersVersion(store);
        assertThat(objected).isGreaterThan(imported);
        // an objection by e-mail finds no voter row; one by name and birth date finds Anne Leroy's
        SuppressionList.addIdentifiers(store, hasher, List.of(Identifiers.emailOf("personne@example.fr")),
                SuppressionList.Reason.UNSUBSCRIBE, "email", "system");
        assertThat(FieldData.votersVersion(store)).isEqualTo(objected);
        SuppressionList.addIdentifiers(store, hasher, List.of(Identifiers.nameBirthDate("Leroy", "Anne",
                LocalDate.of(1985, 6, 15))), SuppressionList.Reason.OBJECTION, "letter", "claire");
        long byLetter = FieldData.votersVersion(store);
        assertThat(byLetter).isGreaterThan(objected);

        PersonRecord durand = Persons.forVoter(store, voterId("DURAND"));
        RightsRequest erasure = RightsRequests.add(store, RightsRequest.Kind.ERASURE, durand.id(), LocalDate.of(2026, 2, 2),
                "letter", "claire");
        Erasure.run(store, hasher, erasure.id(), "claire", rep -> "{}");
        long erased = FieldData.votersVersion(store);
        assertThat(erased).isGreaterThan(byLetter);
        assertThat(voterNames()).isEmpty();

        // a new extract with a newcomer, then the list's retention period over
        Files.writeString(list, HEADER + DUPONT + DURAND + LEROY + DUPONT.replace(";1;F;DUPONT;MARTIN;Marie Claire;03/04/1970;",
                ";4;M;MOREAU;;Luc;01/02/1980;"), StandardCharsets.UTF_8);
        assertThat(importList(LocalDate.of(2026, 2, 1)).rowsStored()).isEqualTo(1);
        long again = FieldData.votersVersion(store);
        assertThat(again).isGreaterThan(erased);
        var plan = fr.terrain.privacy.Retention.decide(RetentionPolicy.defaults(), LocalDate.of(2030, 1, 1),
                PersonalData.holdings(store));
        PersonalData.delete(store, plan, "claire");
        assertThat(voterNames()).isEmpty();
        assertThat(FieldData.votersVersion(store)).isGreaterThan(again);
        List<String> changes = store.jdbi().withHandle(h -> h.createQuery("SELECT kind, voter_rows FROM voter_change"
                + " ORDER BY id").map((rs, ctx) -> rs.getString(1) + " " + rs.getLong(2)).list());
        assertThat(changes).containsExactly("import 3", "suppression 1", "suppression 1", "erasure 1", "import 1", "retention 1");
    }

    @Test
    void anObjectionByLetterMatchesTheListWhateverTheSpelling() {
        importList(LocalDate.of(2026, 1, 10));
        // "Paul Durand, 14 r. de Picpus, 75012" and "Anne Leroy, née le 15 juin 1985"
        var added = SuppressionList.addIdentifiers(store, hasher, List.of(
                Identifiers.nameAddress("Durand", "paul", "14, r. de Picpus", "75012"),
                Identifiers.nameBirthDate("Leroy", "Anne", LocalDate.of(1985, 6, 15))),
                SuppressionList.Reason.OBJECTION, "letter", "claire");
        // the two given, and what the list's rows add: Paul Durand's birth date, Anne Leroy's address
        assertThat(added.hashes()).isEqualTo(4);
        assertThat(added.alreadyListed()).isZero();
        assertThat(added.voterRowsRemoved()).isEqualTo(2);
        assertThat(voterNames()).containsExactly("DUPONT");
        assertThat(importList(LocalDate.of(2026, 2, 1)).rowsStored()).isEqualTo(1);
        assertThat(voterNames()).containsExactly("DUPONT");
        // both have moved by the next extract: still off the list (Durand objected with an address only)
        try {
            Files.writeString(list, HEADER + DUPONT + DURAND.replace("14;RUE;DE PICPUS", "40;AV;DES LILAS")
                    + LEROY.replace("3;AV;DAUMESNIL", "9;RUE;DE CHARENTON"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(importList(LocalDate.of(2026, 3, 1)).rowsStored()).isEqualTo(1);
        assertThat(voterNames()).containsExactly("DUPONT");
    }

    @Test
    void anImportWithoutTheKeyIsRefusedOnceTheListIsNotEmpty() {
        importList(LocalDate.of(2026, 1, 10));
        SuppressionList.addIdentifiers(store, hasher, List.of(Identifiers.emailOf("x@y.fr")),
                SuppressionList.Reason.UNSUBSCRIBE, "email", "system");
        String before = TestStores.dump(store);
        Importer keyless = new Importer(store, Progress.NONE, false);
        assertThatThrownBy(() -> keyless.voters(list, CONTEST, SourceCategory.ELECTORAL_LIST, "Préfecture de police",
                LocalDate.of(2026, 3, 1), Map.of(), null)).isInstanceOf(InputError.class)
                .hasMessageContaining("liste d'opposition");
        assertThat(TestStores.dump(store)).isEqualTo(before);
    }

    @Test
    void theConsentLedgerKeepsEveryEventWithItsProof() {
        importList(LocalDate.of(2026, 1, 10));
        PersonRecord p = Persons.forVoter(store, voterId("DURAND"));
        assertThat(Persons.forVoter(store, voterId("DURAND")).id()).isEqualTo(p.id());
        ConsentLedger.addNotice(store, "sms-2026-01", ConsentChannel.SMS, "Vous recevrez nos SMS de campagne. STOP au 36180.",
                "claire");
        assertThatThrownBy(() -> ConsentLedger.addNotice(store, "sms-2026-01", ConsentChannel.SMS, "autre texte", "claire"))
                .hasMessageContaining("existe déjà");
        Instant recorded = Instant.now();
        ConsentLedger.append(store, p.id(), new ConsentEvent(0, ConsentChannel.SMS, ConsentEvent.Kind.GIVEN,
                Instant.parse("2026-01-12T10:00:00Z"), "paper-form", "sms-2026-01", null, "formulaire 42", "claire", recorded), "test");
        ConsentLedger.append(store, p.id(), new ConsentEvent(0, ConsentChannel.SMS, ConsentEvent.Kind.WITHDRAWN,
                Instant.parse("2026-02-01T08:00:00Z"), "sms-stop", null, null, "SMS du 1er février", "system", recorded), "test");
        assertThatThrownBy(() -> ConsentLedger.append(store, p.id(), new ConsentEvent(0, ConsentChannel.EMAIL,
                ConsentEvent.Kind.GIVEN, Instant.parse("2026-01-12T10:00:00Z"), "web-form", "sms-2026-01", null, null,
                "claire", recorded), "test")).hasMessageContaining("canal sms");
        assertThatThrownBy(() -> ConsentLedger.append(store, p.id(), new ConsentEvent(0, ConsentChannel.SMS,
                ConsentEvent.Kind.GIVEN, Instant.parse("2026-01-12T10:00:00Z"), "web-form", "inconnue", null, null,
                "claire", recorded), "test")).hasMessageContaining("mention inconnue");

        ConsentHistory h = ConsentLedger.history(store, p.id());
        assertThat(h.events()).hasSize(2);
        assertThat(h.allows(ConsentChannel.SMS, Instant.parse("2026-01-20T00:00:00Z"))).isTrue();
        assertThat(h.stateOf(ConsentChannel.SMS, Instant.parse("2026-02-02T00:00:00Z")).status())
                .isEqualTo(ConsentHistory.Status.WITHDRAWN);
        ConsentEvent first = h.events().get(0);
        assertThat(first.noticeVersion()).isEqualTo("sms-2026-01");
        assertThat(first.evidence()).isEqualTo("formulaire 42");
        assertThat(first.recordedBy()).isEqualTo("claire");
        assertThat(first.method()).isEqualTo("paper-form");
    }

    @Test
    void theLedgerIsOnlyEverAppendedToOutsideErasure() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(f).replaceAll("\\s+", " ");
                boolean update = code.matches("(?s).*UPDATE consent_event.*");
                boolean delete = code.matches("(?s).*DELETE FROM consent_event.*") && !f.endsWith("Erasure.java");
                if (update || delete) {
                    offenders.add(f.toString());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void aRightsRequestIsDueOneMonthLaterAndGoesThroughItsStatuses() {
        importList(LocalDate.of(2026, 1, 10));
        PersonRecord p = Persons.forVoter(store, voterId("DURAND"));
        RightsRequest r = RightsRequests.add(store, RightsRequest.Kind.ACCESS, p.id(), LocalDate.of(2026, 2, 14), "letter",
                "claire");
        assertThat(p.display()).isEqualTo("DURAND Paul, né(e) le 30/11/1990"); // the rights page's « Personne »
        assertThat(r.status()).isEqualTo(RightsRequest.Status.RECEIVED);
        assertThat(r.dueOn()).isEqualTo(LocalDate.of(2026, 3, 16)); // 14 March is a Saturday
        assertThat(r.overdueOn(LocalDate.of(2026, 3, 17))).isTrue();
        assertThat(RightsRequests.start(store, r.id(), "claire").status()).isEqualTo(RightsRequest.Status.IN_PROGRESS);
        // once the first month is over (16 March), too late to extend: the person had to be told within it
        assertThatThrownBy(() -> RightsRequests.extend(store, r.id(), "demande complexe", LocalDate.of(2026, 3, 17), "claire"))
                .hasMessageContaining("ne peut plus être prolongée").hasMessageContaining("le 16/03/2026");
        RightsRequest extended = RightsRequests.extend(store, r.id(), "demande complexe", LocalDate.of(2026, 3, 16), "claire");
        assertThat(extended.deadline()).isEqualTo(LocalDate.of(2026, 5, 15)); // 14 May 2026 is Ascension Day
        assertThat(extended.overdueOn(LocalDate.of(2026, 3, 17))).isFalse();
        assertThatThrownBy(() -> RightsRequests.extend(store, r.id(), "encore", LocalDate.of(2026, 3, 1), "claire"))
                .hasMessageContaining("déjà prolongée");
        assertThatThrownBy(() -> RightsRequests.close(store, r.id(), RightsRequest.Status.REFUSED, " ", "claire"))
                .hasMessageContaining("motivé");
        RightsRequest done = RightsRequests.close(store, r.id(), RightsRequest.Status.DONE, "export envoyé", "claire");
        assertThat(done.status()).isEqualTo(RightsRequest.Status.DONE);
        assertThat(done.closedBy()).isEqualTo("claire");
        assertThat(done.overdueOn(LocalDate.of(2027, 1, 1))).isFalse();
        assertThatThrownBy(() -> RightsRequests.start(store, r.id(), "claire")).hasMessageContaining("déjà close");

        RightsRequest refused = RightsRequests.close(store, RightsRequests.add(store, RightsRequest.Kind.ERASURE, p.id(),
                LocalDate.of(2026, 2, 20), "email", "claire").id(), RightsRequest.Status.REFUSED,
                "identité non établie", "claire");
        assertThat(refused.refusalReason()).isEqualTo("identité non établie");
        assertThat(RightsRequests.list(store)).extracting(RightsRequest::id).containsExactlyInAnyOrder(r.id(), refused.id());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAccessExportHoldsEverythingWithItsOrigin() {
        importList(LocalDate.of(2026, 1, 10));
        PersonRecord p = Persons.findOrCreate(store, "dupont", "Marie", LocalDate.of(1970, 4, 3), null);
        assertThat(p.birthName()).isEqualTo("DUPONT");
        assertThat(p.firstNames()).isEqualTo("Marie Claire");
        assertThat(Persons.findOrCreate(store, "Martin", "marie", LocalDate.of(1970, 4, 3), "75112").id())
                .as("usage name").isEqualTo(p.id());
        Persons.addContact(store, p.id(), Identifiers.emailOf("Marie.Dupont@Example.fr"), "campaign-collected", null,
                LocalDate.of(2026, 1, 20), "claire");
        ConsentLedger.addNotice(store, "email-v1", ConsentChannel.EMAIL, "Lettre d'information de la campagne.", "claire");
        ConsentLedger.append(store, p.id(), new ConsentEvent(0, ConsentChannel.EMAIL, ConsentEvent.Kind.GIVEN,
                Instant.parse("2026-01-20T10:00:00Z"), "web-form", "email-v1", null, null, "claire", Instant.now()), "test");
        RightsRequest r = RightsRequests.add(store, RightsRequest.Kind.ACCESS, p.id(), LocalDate.of(2026, 2, 2), "email",
                "claire");

        Map<String, Object> file = PersonFile.of(store, hasher, r.id(), CampaignIdentity.fromSettings(Map.of(
                "campaign.controller", "Liste Paris en commun", "campaign.contact", "donnees@exemple.fr")),
                RetentionPolicy.defaults());
        assertThat((Map<String, Object>) file.get("person")).containsEntry("birthName", "DUPONT")
                .containsEntry("birthDate", "1970-04-03");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) file.get("electoralListRows");
        assertThat(rows).hasSize(1);
        assertThat((Map<String, Object>) rows.get(0).get("data")).containsEntry("usage_name", "MARTIN")
                .containsEntry("street_name", "DE PICPUS").containsEntry("station_code", "12-7");
        Map<String, Object> origin = (Map<String, Object>) rows.get(0).get("origin");
        assertThat(origin).containsEntry("sourceCategory", "electoral-list").containsEntry("provider", "Préfecture de police")
                .containsEntry("collectedOn", "2026-01-10").containsEntry("file", "liste.csv").containsKey("importId")
                .containsKey("importedAt");
        // the only round of paris-2026 is on 15 March; the default keeps electoral lists one month after it
        assertThat(origin).containsEntry("retention", "1 mois après le dernier tour de l'élection")
                .containsEntry("keptThrough", "2026-04-15")
                .containsEntry("retentionElapsed", !java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"))
                        .isBefore(java.time.LocalDate.parse("2026-04-16")));
        Map<String, Object> info = (Map<String, Object>) file.get("information");
        assertThat((Map<String, Object>) info.get("controller")).containsEntry("name", "Liste Paris en commun")
                .containsEntry("dpo", CampaignIdentity.MISSING);
        assertThat((List<Map<String, Object>>) info.get("processing")).extracting(m -> m.get("sourceCategory"))
                .as("the categories of her data: the list and the contact collected by the campaign; then her record")
                .containsExactly("electoral-list", "campaign-collected", null);
        assertThat(((List<Map<String, Object>>) info.get("processing")).get(1).get("retention")).as("she gave a consent")
                .isEqualTo("6 mois après la collecte, faute de consentement ; avec votre consentement, tant que vous ne le"
                        + " retirez pas");
        assertThat(((List<Map<String, Object>>) info.get("processing")).get(2))
                .as("not on the opposition list, but her request is kept to prove its answer")
                .containsEntry("record", "identity").containsEntry("legalBasis", "obligation légale (RGPD art. 6.1.c, art. 12)")
                .containsEntry("retention", "vos demandes, le temps de prouver leur traitement");
        assertThat((List<Map<String, Object>>) info.get("rights")).extracting(m -> m.get("right"))
                .as("a consent given and data given with it: withdrawal and portability apply")
                .contains("retrait du consentement", "portabilité", "opposition", "effacement");
        assertThat((String) info.get("howToExercise")).contains("donnees@exemple.fr");
        List<Map<String, Object>> contacts = (List<Map<String, Object>>) file.get("contacts");
        assertThat(contacts.get(0)).containsEntry("value", "marie.dupont@example.fr");
        assertThat((Map<String, Object>) contacts.get(0).get("origin")).containsEntry("sourceCategory", "campaign-collected")
                .containsEntry("collectedOn", "2026-01-20");
        Map<String, Object> consents = (Map<String, Object>) file.get("consents");
        assertThat((List<Map<String, Object>>) consents.get("history")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("noticeText", "Lettre d'information de la campagne.").containsEntry("method", "web-form"));
        assertThat((Map<String, Object>) consents.get("now")).containsEntry("email", "given").containsEntry("sms",
                "never-given");
        assertThat((Map<String, Object>) file.get("suppression")).containsEntry("listed", false);
        assertThat((List<?>) file.get("rightsRequests")).hasSize(1);
        assertThat(PersonFile.items(file)).isEqualTo(4);
    }

    /**
     * GDPR art. 18: while restricted, the person's data stay (no row deleted) but are used nowhere — no voter list,
     * no name on a walk list, no e-mail — until the restriction is lifted, with the person told (the note). Closing
     * the request as done keeps the restriction; refusing it, or an erasure, ends it.
     */
    @Test
    void aRestrictionKeepsThePersonsDataButUsesThemNowhereUntilLifted() {
        importList(LocalDate.of(2026, 1, 10));
        PersonRecord p = Persons.forVoter(store, voterId("DUPONT"));
        var selection = fr.terrain.privacy.VoterSelection.parse(Map.of("contest", List.of(CONTEST), "view", List.of("list")),
                LocalDate.of(2026, 2, 1)).unpaged();
        List<Long> everyone = List.of(voterId("DUPONT"), voterId("DURAND"), voterId("LEROY"));
        assertThat(VoterSelections.page(store, selection)).extracting(VoterSelections.Listed::name)
                .anyMatch(n -> n.contains("Marie Claire")); // DUPONT, usage name MARTIN

        RightsRequest r = RightsRequests.add(store, RightsRequest.Kind.RESTRICTION, p.id(), LocalDate.of(2026, 2, 1),
                "letter", "claire");
        assertThat(voterNames()).as("kept").containsExactly("DUPONT", "DURAND", "LEROY");
        assertThat(VoterSelections.page(store, selection)).extracting(VoterSelections.Listed::name).hasSize(2)
                .noneMatch(n -> n.contains("Marie Claire"));
        assertThat(WalkListNames.of(store, everyone)).hasSize(2).doesNotContainKey(voterId("DUPONT"));
        assertThat(restrictionInForce(r.id())).isTrue();

        RightsRequests.close(store, r.id(), RightsRequest.Status.DONE, "limitation appliquée", "claire");
        assertThat(WalkListNames.of(store, everyone)).as("granted: still in force").hasSize(2);
        assertThatThrownBy(() -> RightsRequests.lift(store, r.id(), " ", "claire")).hasMessageContaining("18(3)");

        RightsRequest lifted = RightsRequests.lift(store, r.id(), "exactitude vérifiée, courrier du 20 février", "claire");
        assertThat(lifted.status()).isEqualTo(RightsRequest.Status.DONE);
        assertThat(lifted.report()).isEqualTo("limitation appliquée ; limitation levée : exactitude vérifiée, courrier du"
                + " 20 février");
        assertThat(VoterSelections.page(store, selection)).hasSize(3);
        assertThat(WalkListNames.of(store, everyone)).hasSize(3);
        assertThatThrownBy(() -> RightsRequests.lift(store, r.id(), "encore", "claire"))
                .hasMessageContaining("aucune limitation en vigueur");

        // refused: the restriction held while the request was examined ends with the refusal
        RightsRequest second = RightsRequests.add(store, RightsRequest.Kind.RESTRICTION, p.id(), LocalDate.of(2026, 3, 1),
                "email", "claire");
        assertThat(VoterSelections.page(store, selection)).hasSize(2);
        RightsRequests.close(store, second.id(), RightsRequest.Status.REFUSED, "données exactes, justificatif joint",
                "claire");
        assertThat(VoterSelections.page(store, selection)).hasSize(3);
        RightsRequest access = RightsRequests.add(store, RightsRequest.Kind.ACCESS, p.id(), LocalDate.of(2026, 3, 2),
                "email", "claire");
        assertThatThrownBy(() -> RightsRequests.lift(store, access.id(), "x", "claire")).hasMessageContaining("pas de limitation");
    }

    /**
     * A person may ask restriction twice (an accuracy contested, then an objection awaiting its answer): each request
     * holds the restriction until it is itself lifted or refused; lifting one leaves the other in force.
     */
    @Test
    void aSecondRestrictionOfThePersonHoldsWhenTheFirstIsLifted() {
        importList(LocalDate.of(2026, 1, 10));
        PersonRecord p = Persons.forVoter(store, voterId("DUPONT"));
        List<Long> dupont = List.of(voterId("DUPONT"));
        RightsRequest first = RightsRequests.add(store, RightsRequest.Kind.RESTRICTION, p.id(), LocalDate.of(2026, 2, 1),
                "letter", "claire");
        RightsRequest second = RightsRequests.add(store, RightsRequest.Kind.RESTRICTION, p.id(), LocalDate.of(2026, 2, 10),
                "email", "claire");
        assertThat(restrictionInForce(second.id())).as("in force from its registration").isTrue();

        RightsRequests.lift(store, first.id(), "exactitude vérifiée, courrier du 20 février", "claire");
        assertThat(restrictionInForce(second.id())).isTrue();
        assertThat(WalkListNames.of(store, dupont)).as("the second request still restricts").isEmpty();
        java.util.Optional<Instant> since = store.jdbi().withHandle(h -> Restrictions.since(h, p.id()));
        assertThat(since).isPresent();

        RightsRequests.close(store, second.id(), RightsRequest.Status.REFUSED, "opposition examinée : motifs impérieux",
                "claire");
        assertThat(WalkListNames.of(store, dupont)).hasSize(1);
    }

    @Test
    void aRestrictedPersonIsWrittenToByNoCampaignAndErasureEndsTheRestriction() {
        MailFixture.Sent sent = MailFixture.campaign(store, "lim", 2);
        long restricted = sent.persons().get(0);
        RightsRequest r = RightsRequests.add(store, RightsRequest.Kind.RESTRICTION, restricted, LocalDate.of(2026, 2, 1),
                "letter", "claire");
        List<fr.terrain.mail.ContactFacts> facts = MailStore.facts(store, Instant.now());
        assertThat(facts).extracting(f -> f.personId(), f -> f.restricted()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(restricted, true),
                org.assertj.core.groups.Tuple.tuple(sent.persons().get(1), false));
        assertThat(fr.terrain.mail.CheckedRecipient.check(facts.get(0), id -> false))
                .isEqualTo(new fr.terrain.mail.CheckedRecipient.Refused(facts.get(0),
                        fr.terrain.mail.CheckedRecipient.Refusal.RESTRICTED));

        RightsRequest erasure = RightsRequests.add(store, RightsRequest.Kind.ERASURE, restricted, LocalDate.of(2026, 2, 3),
                "letter", "claire");
        Erasure.run(store, hasher, erasure.id(), "claire", rep -> "{}");
        assertThat(restrictionInForce(r.id())).isFalse();
        long rows = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM processing_restriction")
                .mapTo(Long.class).one());
        assertThat(rows).isZero();
    }

    boolean restrictionInForce(long request) {
        return store.jdbi().withHandle(h -> Restrictions.inForce(h, request));
    }

    /**
     * An erased voter leaves the turfs already cut: their door counts one voter fewer, and leaves its turf when nobody
     * is left there. A saved turf went on showing « 1 électeur » at the address of a person erased, on the canvasser's
     * phone and on the printed walk list (found by a crawl).
     */
    @Test
    void anErasedVoterLeavesTheDoorsOfTheTurfsAlreadyCut() {
        importList(LocalDate.of(2026, 1, 10));
        FieldFixtures.banAddress(store, "B1", 12, "Rue de Picpus", "75112", "Paris 12e Arrondissement", 2.3950, 48.8450);
        FieldFixtures.banAddress(store, "B2", 14, "Rue de Picpus", "75112", "Paris 12e Arrondissement", 2.3952, 48.8449);
        long turf = FieldFixtures.save(store).turfIds().get(1); // the 12th's: B1 (1 voter), B2 (2 voters)
        fr.terrain.field.TurfScope all = new fr.terrain.field.TurfScope.All();
        for (String name : List.of("DUPONT", "DURAND")) { // at 12 and 14 rue de Picpus
            PersonRecord p = Persons.forVoter(store, voterId(name));
            RightsRequest erasure = RightsRequests.add(store, RightsRequest.Kind.ERASURE, p.id(), LocalDate.of(2026, 2, 2),
                    "letter", "claire");
            Erasure.Report report = Erasure.run(store, hasher, erasure.id(), "dpo", rep -> "{}");
            assertThat(report.deleted()).filteredOn(l -> l.table().equals("turf_door")).singleElement()
                    .satisfies(l -> assertThat(l.rows()).as(name).isEqualTo(1));
        }
        FieldStore.TurfDetail left = FieldStore.turf(store, all, turf).orElseThrow();
        assertThat(left.doors()).extracting(FieldStore.TurfDoor::doorId, FieldStore.TurfDoor::voters)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("B2", 1));
        assertThat(left.turf().doorCount()).isEqualTo(1);
        assertThat(left.turf().voters()).isEqualTo(1);
    }

    /**
     * A consent recorded while its person is erased: recorded before (and erased with them) or refused, never left on
     * a person gone (2 of 8 runs left consent rows of an erased person, recorded after the erasure's audit entry); and
     * of two erasures of one request at once, one erases and the other is told it is closed (one answered 500: found
     * by a crawl).
     */
    @Test
    void aConsentRecordedOrASecondErasureWhileAPersonIsErasedLeavesNothingOfThem() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 12; round++) {
                PersonRecord p = Persons.findOrCreate(store, "COURSE", "Round" + round, LocalDate.of(1970, 1, 1 + round),
                        "Paris");
                RightsRequest erasure = RightsRequests.add(store, RightsRequest.Kind.ERASURE, p.id(),
                        LocalDate.of(2026, 2, 2), "letter", "claire");
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Boolean>> erased = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    erased.add(pool.submit(() -> {
                        go.await();
                        try {
                            Erasure.run(store, hasher, erasure.id(), "dpo", rep -> "{}");
                            return true;
                        } catch (StoreException e) {
                            assertThat(e).hasMessageContaining("déjà close");
                            return false;
                        }
                    }));
                }
                java.util.concurrent.Future<Boolean> recorded = pool.submit(() -> {
                    go.await();
                    try {
                        ConsentLedger.append(store, p.id(), new ConsentEvent(0, ConsentChannel.SMS,
                                ConsentEvent.Kind.WITHDRAWN, Instant.now(), "paper-form", null, null, null, "orga",
                                Instant.now()), "orga");
                        return true;
                    } catch (StoreException e) {
                        assertThat(e).hasMessageContaining("personne inconnue");
                        return false;
                    }
                });
                go.countDown();
                int erasures = (erased.get(0).get() ? 1 : 0) + (erased.get(1).get() ? 1 : 0);
                recorded.get();
                assertThat(erasures).as("round %d", round).isEqualTo(1);
                long orphans = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM consent_event e WHERE NOT"
                        + " EXISTS (SELECT 1 FROM person p WHERE p.id = e.person_id)").mapTo(Long.class).one());
                assertThat(orphans).as("round %d: consent rows of an erased person", round).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void erasureLeavesOnlyTheSuppressionHashesInEveryTable() {
        importList(LocalDate.of(2026, 1, 10));
        PersonRecord p = Persons.forVoter(store, voterId("DUPONT"));
        Persons.addContact(store, p.id(), Identifiers.emailOf("marie.dupont@example.fr"), "campaign-collected", null,
                LocalDate.of(2026, 1, 20), "claire");
        Persons.addContact(store, p.id(), Identifiers.phoneOf("06 12 34 56 78"), "campaign-collected", null,
                LocalDate.of(2026, 1, 20), "claire");
        ConsentLedger.addNotice(store, "sms-v1", ConsentChannel.SMS, "SMS de campagne.", "claire");
        ConsentLedger.append(store, p.id(), new ConsentEvent(0, ConsentChannel.SMS, ConsentEvent.Kind.GIVEN,
                Instant.parse("2026-01-20T10:00:00Z"), "paper-form", "sms-v1", null, "formulaire 7", "claire", Instant.now()), "test");
        RightsRequest access = RightsRequests.add(store, RightsRequest.Kind.ACCESS, p.id(), LocalDate.of(2026, 2, 1),
                "letter", "claire");
        RightsRequest erasure = RightsRequests.add(store, RightsRequest.Kind.ERASURE, p.id(), LocalDate.of(2026, 2, 2),
                "letter", "claire");
        assertThatThrownBy(() -> Erasure.run(store, hasher, access.id(), "claire", rep -> "{}"))
                .hasMessageContaining("pas d'effacement");

        Erasure.Report report = Erasure.run(store, hasher, erasure.id(), "claire", rep -> rep.toMap().toString());
        // the mail tables (mail-core, tracking) have their lines too, with nothing to delete for this person
        assertThat(report.deleted()).filteredOn(l -> l.rows() > 0).extracting(Erasure.Line::table, Erasure.Line::rows)
                .containsExactly(
                org.assertj.core.groups.Tuple.tuple("voter", 1L), org.assertj.core.groups.Tuple.tuple("person_contact", 2L),
                org.assertj.core.groups.Tuple.tuple("consent_event", 1L), org.assertj.core.groups.Tuple.tuple("person", 1L));
        assertThat(report.kept()).extracting(Erasure.Line::table).contains("suppression", "rights_request");
        // in the DPO's words, as the rights page shows it (it read « [paris-2026 (electoral-list)] »)
        assertThat(report.deleted().get(0).what()).isEqualTo("lignes de liste électorale : paris-2026, "
                + SourceCategory.ELECTORAL_LIST.description());

        RightsRequest closed = RightsRequests.find(store, erasure.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo(RightsRequest.Status.DONE);
        assertThat(closed.personId()).isEmpty();
        assertThat(closed.report()).contains("voter").doesNotContain("DUPONT");
        assertThat(RightsRequests.find(store, access.id()).orElseThrow().personId()).isEmpty();
        assertThat(AuditLog.all(store)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("rights.erase");
            assertThat(e.records()).isEqualTo(5);
        });

        // every column of every table: no trace of her name, birth date, address, e-mail or phone
        List<String> found = new ArrayList<>();
        store.jdbi().useHandle(h -> {
            List<String> tables = h.createQuery("SELECT table_name FROM information_schema.tables WHERE table_schema ="
                    + " current_schema() AND table_type = 'BASE TABLE'").mapTo(String.class).list();
            assertThat(tables).contains("voter", "person", "person_contact", "consent_event", "suppression", "rights_request",
                    "audit_entry", "import_log");
            for (String t : tables) {
                for (Map<String, Object> row : h.createQuery("SELECT * FROM " + t).mapToMap().list()) {
                    String text = row.values().toString().toUpperCase(java.util.Locale.ROOT);
                    for (String trace : List.of("DUPONT", "MARTIN", "1970-04-03", "+33612345678", "PICPUS, 12")) {
                        if (text.contains(trace)) {
                            found.add(t + ": " + trace);
                        }
                    }
                }
            }
        });
        assertThat(found).isEmpty();
        long hashes = SuppressionList.size(store);
        assertThat(hashes).isEqualTo(6); // name + birth date and name + address under both names, e-mail, phone
        assertThat(voterNames()).containsExactly("DURAND", "LEROY");
        assertThat(importList(LocalDate.of(2026, 2, 1)).rowsStored()).isEqualTo(2);
        assertThat(voterNames()).containsExactly("DURAND", "LEROY");
    }

    /** One objection submitted twice at once (a double click on /droits): listed once, neither answer an error. */
    @Test
    void theSameObjectionSubmittedTwiceAtOnceIsListedOnce() throws Exception {
        int copies = 4;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(copies);
        List<java.util.concurrent.Future<SuppressionList.Added>> answers = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return SuppressionList.addIdentifiers(store, hasher, List.of(Identifiers.emailOf("double.clic@exemple.fr")),
                        SuppressionList.Reason.OBJECTION, "email", "dpo");
            }));
        }
        start.countDown();
        int added = 0;
        int already = 0;
        for (var a : answers) {
            SuppressionList.Added answer = a.get(60, java.util.concurrent.TimeUnit.SECONDS);
            added += answer.hashes();
            already += answer.alreadyListed();
        }
        pool.shutdown();
        assertThat(added).isEqualTo(1);
        assertThat(already).isEqualTo(copies - 1);
        assertThat(SuppressionList.size(store)).isEqualTo(1);
    }
}
