package fr.terrain.compliance;

import fr.terrain.mail.Targeting;
import fr.terrain.privacy.Holding;
import fr.terrain.privacy.ProcessingRegister;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.privacy.TrackerData;
import fr.terrain.privacy.SourceUse;
import fr.terrain.privacy.TargetedCampaign;
import fr.terrain.store.CampaignTargeting;
import fr.terrain.store.ImportLog;
import fr.terrain.store.ImportRecord;
import fr.terrain.store.PersonalData;
import fr.terrain.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Writes the register of processing activities (Markdown and PDF) and the AIPD template from the store and settings. */
public final class RegisterFiles {
    public static final String REGISTER_MD = "registre-des-traitements.md";
    public static final String REGISTER_PDF = "registre-des-traitements.pdf";
    public static final String DPIA_MD = "aipd-modele.md";
    private static final String REGISTER_TITLE = "Registre des activités de traitement";

    /** The files written and the categories found in use. */
    public record Written(Path markdown, Path pdf, Path dpia, List<SourceUse> uses) {}

    private RegisterFiles() {}

    /** How each source category was used, from the import log and what the store holds today. */
    public static List<SourceUse> uses(Store store) {
        return uses(store, PersonalData.holdings(store));
    }

    private static List<SourceUse> uses(Store store, List<Holding> holdings) {
        Map<SourceCategory, List<ImportRecord>> imports = new EnumMap<>(SourceCategory.class);
        for (ImportRecord r : ImportLog.list(store)) {
            SourceCategory.find(r.sourceCategory())
                    .ifPresent(c -> imports.computeIfAbsent(c, k -> new ArrayList<>()).add(r));
        }
        Map<SourceCategory, Long> held = new EnumMap<>(SourceCategory.class);
        for (Holding h : holdings) {
            if (h.category() instanceof SourceCategory c) {
                held.merge(c, h.records(), Long::sum);
            }
        }
        List<SourceUse> uses = new ArrayList<>();
        imports.forEach((c, rs) -> {
            var providers = new HashSet<String>();
            rs.stream().map(ImportRecord::provider).filter(p -> p != null && !p.isBlank()).forEach(providers::add);
            LocalDate first = rs.stream().map(r -> r.startedAt().toLocalDate()).min(LocalDate::compareTo).orElseThrow();
            LocalDate last = rs.stream().map(r -> r.startedAt().toLocalDate()).max(LocalDate::compareTo).orElseThrow();
            uses.add(new SourceUse(c, rs.size(), held.getOrDefault(c, 0L), first, last, providers));
        });
        // held but never imported: volunteers' profiles (members), contacts who signed up through the campaign's form
        held.forEach((c, n) -> {
            if (n > 0 && !imports.containsKey(c)) {
                uses.add(SourceUse.enteredOnly(c, n));
            }
        });
        uses.sort(java.util.Comparator.comparing(SourceUse::category));
        return uses;
    }

    /** How many records of each tracker's data the holdings count (opens and clicks of e-mails). */
    private static Map<TrackerData, Long> trackers(List<Holding> holdings) {
        Map<TrackerData, Long> held = new EnumMap<>(TrackerData.class);
        for (Holding h : holdings) {
            if (h.category() instanceof TrackerData t) {
                held.merge(t, h.records(), Long::sum);
            }
        }
        return held;
    }

    /** The e-mail campaigns and the targeting each used (Regulation (EU) 2024/900), as the register lists them. */
    private static List<TargetedCampaign> campaigns(Store store, PrivacySettings settings) {
        return CampaignTargeting.all(store, Targeting.declaredConsent(settings.values()))
                .stream().map(CampaignTargeting::entry).toList();
    }

    /** The register of processing activities in Markdown, as {@link #write} writes it. */
    public static String registerMarkdown(Store store, PrivacySettings settings, LocalDate on) {
        List<Holding> holdings = PersonalData.holdings(store); // read once: it counts every table of personal data
        return ProcessingRegister.markdown(settings.identity(), uses(store, holdings), trackers(holdings),
                campaigns(store, settings), settings.retention(), on);
    }

    /** The AIPD template in Markdown, as {@link #write} writes it. */
    public static String dpiaMarkdown(Store store, PrivacySettings settings, LocalDate on) {
        return ProcessingRegister.dpiaTemplate(settings.identity(), uses(store), settings.retention(), on);
    }

    /** The register printed as PDF, as {@link #write} writes it. */
    public static byte[] registerPdf(String registerMarkdown) {
        return MarkdownPdf.bytes(registerMarkdown, REGISTER_TITLE);
    }

    public static Written write(Store store, PrivacySettings settings, Path outDir, LocalDate on) {
        List<Holding> holdings = PersonalData.holdings(store);
        List<SourceUse> uses = uses(store, holdings);
        String register = ProcessingRegister.markdown(settings.identity(), uses, trackers(holdings),
                campaigns(store, settings), settings.retention(), on);
        String dpia = ProcessingRegister.dpiaTemplate(settings.identity(), uses, settings.retention(), on);
        Path md = outDir.resolve(REGISTER_MD);
        Path pdf = outDir.resolve(REGISTER_PDF);
        Path aipd = outDir.resolve(DPIA_MD);
        try {
            Files.createDirectories(outDir);
            Files.writeString(md, register, StandardCharsets.UTF_8);
            Files.writeString(aipd, dpia, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("impossible d'écrire dans " + outDir, e);
        }
        MarkdownPdf.write(register, REGISTER_TITLE, pdf);
        return new Written(md, pdf, aipd, uses);
    }
}
