package fr.terrain.web;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.terrain.election.StationCode;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.FieldFixtures;
import fr.terrain.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the sign-up tests open the sign-up with: a mail server, its settings, a notice; stations and their names. */
final class SignupFixture {
    private SignupFixture() {}

    /** A started GreenMail, and the data directory's mail.properties sending through it for the list {@code list}. */
    static GreenMail smtp(Path home, String list) throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Files.writeString(home.resolve("mail.properties"), "mail.list=" + list + "\nmail.from=equipe@exemple.fr\n"
                + "mail.base-url=https://terrain.exemple.fr\nmail.signup-notice=inscription-1\nsmtp.host=127.0.0.1\n"
                + "smtp.port=" + smtp.getSmtp().getPort() + "\n", StandardCharsets.UTF_8);
        return smtp;
    }

    /** The notice mail.properties names: sign-ups are open. */
    static void notice(Store store) {
        ConsentLedger.addNotice(store, "inscription-1", ConsentChannel.EMAIL, "Nous utilisons votre adresse pour vous"
                + " envoyer nos messages de campagne.", "test");
    }

    /** A station of 2022, {@code 12-7} or {@code 29039-1}, in its code's sector. */
    static void station(Store store, String code) {
        StationCode s = StationCode.parse(code);
        store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO station (vintage, code, arrondissement, bureau_number)"
                + " VALUES (2022, :c, :a, :n)").bind("c", code).bind("a", s.area()).bind("n", s.number()).execute());
    }

    /** One BAN address in the commune {@code insee}, which names it {@code commune}. */
    static void named(Store store, String insee, String commune) {
        FieldFixtures.banAddress(store, insee + "_0001_00001", 1, "Rue de la Mairie", insee, commune, -4.0, 48.0);
    }

    /** The sectors the pending sign-ups are filed under. */
    static List<Integer> filed(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT sector FROM mail_signup").mapTo(Integer.class).list());
    }
}
