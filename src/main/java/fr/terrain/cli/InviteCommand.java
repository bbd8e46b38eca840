package fr.terrain.cli;

import fr.terrain.account.Account;
import fr.terrain.account.InvitationRules;
import fr.terrain.account.Role;
import fr.terrain.election.SectorNames;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import fr.terrain.web.Invites;
import fr.terrain.web.QrImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain invite}: an invitation link (and its QR code) that creates one volunteer account. */
@Command(name = "invite", mixinStandardHelpOptions = true,
        description = {"Crée un lien d'invitation (et son QR code) : la personne qui l'ouvre choisit son nom"
                + " d'utilisateur, son nom affiché et son mot de passe, et obtient un compte du rôle et des secteurs"
                + " indiqués. Le lien sert une fois et expire ; seule son empreinte SHA-256 est conservée.",
            "Exemple : terrain invite --role canvasser --sectors 12 --team \"12e Bel-Air\" --qr invitation.png"})
final class InviteCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH)
            .withZone(ZoneId.of("Europe/Paris"));

    @Mixin
    StoreOptions store;

    @Option(names = "--role", required = true, paramLabel = "RÔLE", description = "canvasser (porte-à-porte) ou organizer.")
    String role;

    @Option(names = "--sectors", required = true, paramLabel = "S,S,…",
            description = "Secteurs confiés : " + UserCommand.SECTORS_HELP + ".")
    String sectors;

    @Option(names = "--team", paramLabel = "NOM", description = "Équipe (créée avec terrain team add) dans l'un des secteurs.")
    String team;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7",
            description = "Durée de validité du lien, en jours (1 à 30 ; défaut : ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--qr", paramLabel = "FICHIER", description = "Écrit le QR code du lien : image PNG (.png) ou SVG (.svg).")
    Path qr;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Adresse publique de Terrain (défaut : $TERRAIN_PUBLIC_URL, sinon " + Invites.DEFAULT_BASE_URL + ").")
    String baseUrl;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Role r = UserCommand.role(role);
        Set<Integer> s = UserCommand.sectors(sectors);
        // the command line answers for the operator of the server, who may create any account (terrain user add)
        Account operator = new Account("cli", Role.ADMIN);
        try { // a role no invitation gives, no sector: the command line is wrong whatever the data (exit 2)
            InvitationRules.check(operator, r, s, communes -> SectorNames.NONE);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UsageError(e.getMessage());
        }
        String name = qr == null ? "" : qr.getFileName().toString().toLowerCase(Locale.ROOT);
        if (qr != null && !name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new Terrain.UsageError("--qr " + qr + " : extension .png ou .svg attendue");
        }
        if (days < 1 || days > Invites.MAX_DAYS) { // an option's value: a usage error (exit 2), as the others
            throw new Terrain.UsageError("--days " + days + " : de 1 à " + Invites.MAX_DAYS + " jours");
        }
        String base = Optional.ofNullable(baseUrl).or(Invites::publicUrl).orElse(Invites.DEFAULT_BASE_URL);
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new Terrain.UsageError("--base-url " + base + " : une adresse http:// ou https:// est attendue");
        }
        // the file is tried before the link exists (a failed command left a live link nobody had received), without
        // truncating one already there, and removed again if this command created it and then issues no invitation
        boolean created = qr != null && Files.notExists(qr);
        if (qr != null) {
            try {
                Files.newOutputStream(qr, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            } catch (IOException e) {
                throw Terrain.cannotWrite(qr, e);
            }
        }
        Invites.Issued issued;
        String where;
        try (Store st = store.openOrCreate()) {
            issued = Invites.issue(st, communes -> Geography.sectorNames(st, communes), operator, Actor.current(), r, s,
                    Optional.ofNullable(team), days, base, Instant.now());
            where = Geography.sectorNames(st, s).list(s); // « 12e », « Concarneau (29039) », not a Java set « [12] »
        } catch (RuntimeException e) {
            if (created) {
                try {
                    Files.deleteIfExists(qr);
                } catch (IOException ignored) {
                    // the empty file stays: the refusal below is what the user needs to read
                }
            }
            throw e instanceof IllegalArgumentException ? new Terrain.UserError(e.getMessage()) : e;
        }
        out.println("✔ invitation n° " + issued.invitation().id() + " : " + r.label() + ", secteurs " + where
                + issued.team().map(t -> ", équipe « " + t.name() + " »").orElse("")
                + ", valable jusqu'au " + WHEN.format(issued.invitation().expiresAt()));
        out.println("Lien (affiché une seule fois, à transmettre à la personne seulement) :");
        out.println(issued.link());
        if (qr != null) {
            try {
                if (name.endsWith(".png")) {
                    Files.write(qr, QrImages.png(issued.link(), 8));
                } else {
                    Files.writeString(qr, QrImages.svg(issued.link()), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw Terrain.cannotWrite(qr, e);
            }
            out.println("QR code : " + qr);
        }
        return 0;
    }
}
