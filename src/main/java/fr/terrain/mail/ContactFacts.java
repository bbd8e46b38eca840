package fr.terrain.mail;

import fr.terrain.privacy.ConsentHistory;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the store knows about one e-mail contact, read at the moment a campaign is frozen: what
 * segments select on and what the send check needs.
 *
 * @param sector its sector (an arrondissement or a commune, {@link ContactSector}), or null
 * @param regularContact a regular contact or member who did not refuse e-mail (no consent needed)
 * @param emailConsent the e-mail channel's state in the consent ledger at that moment
 * @param undeliverable a hard bounce marked the address undeliverable
 * @param lastEngaged the last open or click of one of our messages, if any
 * @param restricted the person asked that their data be kept but not used (GDPR art. 18)
 */
public record ContactFacts(long mailContactId, long personId, String email, String firstName, Integer sector,
        String stationCode, Set<String> topics, boolean regularContact, ConsentHistory.Status emailConsent,
        boolean undeliverable, Optional<Instant> lastEngaged, Origin origin, boolean restricted) {
    public ContactFacts {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(emailConsent, "emailConsent");
        Objects.requireNonNull(origin, "origin");
        topics = topics == null ? Set.of() : Set.copyOf(topics);
        lastEngaged = lastEngaged == null ? Optional.empty() : lastEngaged;
    }

    /** A contact whose processing is not restricted. */
    public ContactFacts(long mailContactId, long personId, String email, String firstName, Integer sector,
            String stationCode, Set<String> topics, boolean regularContact, ConsentHistory.Status emailConsent,
            boolean undeliverable, Optional<Instant> lastEngaged, Origin origin) {
        this(mailContactId, personId, email, firstName, sector, stationCode, topics, regularContact, emailConsent,
                undeliverable, lastEngaged, origin, false);
    }
}
