package fr.terrain.cli;

import fr.terrain.election.Paris;
import fr.terrain.ingest.FolderImport;
import fr.terrain.ingest.ImportReport;
import fr.terrain.ingest.Problem;
import java.io.PrintWriter;
import java.util.List;

/** Import reports in French, for people. */
final class Reports {
    private static final int SHOWN_WARNINGS = 20;

    private Reports() {}

    static String n(long value) {
        return Paris.count(value);
    }

    static void print(ImportReport r, PrintWriter out) {
        String name = java.nio.file.Path.of(r.file()).getFileName().toString();
        if (r.skipped()) {
            out.printf("= %s — déjà importé avec les mêmes options, rien à faire (%s)%n", name, String.join(", ", r.targets()));
            r.purgedOn().ifPresent(day -> out.printf("  ses données ont été supprimées le %s par la politique de conservation"
                    + " (durée échue) : le même fichier n'est pas réimporté (terrain retention policy)%n",
                    day.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))));
            return;
        }
        out.printf("✔ %s — %s%n", name, r.format());
        // a results import counts one row per station × list, whatever the file's layout (a wide file has one line
        // per station): say so rather than « lignes »
        boolean results = r.kind().equals("results");
        out.printf(results ? "  %s résultats (bureau × liste) lus, %s enregistrés → %s%n"
                : r.kind().equals("reu") ? "  %s lignes lues, %s bureaux enregistrés → %s%n"
                : "  %s lignes lues, %s enregistrées → %s%n", n(r.rowsRead()), n(r.rowsStored()),
                String.join(", ", r.targets()));
        for (String note : r.notes()) {
            out.println("  note : " + note);
        }
        warnings(r.warnings(), out);
    }

    static void warnings(List<Problem> warnings, PrintWriter out) {
        warnings(warnings, "(--strict les rend bloquants)", out);
    }

    /** The warnings as an import prints them, {@code note} after their count (a command without --strict says why). */
    static void warnings(List<Problem> warnings, String note, PrintWriter out) {
        if (warnings.isEmpty()) {
            return;
        }
        out.printf("  %d avertissement(s) %s :%n", warnings.size(), note);
        warnings.stream().limit(SHOWN_WARNINGS).forEach(w -> out.println("  ! " + w));
        if (warnings.size() > SHOWN_WARNINGS) {
            out.printf("  … et %d autres%n", warnings.size() - SHOWN_WARNINGS);
        }
    }

    static void print(FolderImport.Entry e, PrintWriter out, PrintWriter err) {
        switch (e) {
            case FolderImport.Imported i -> print(i.report(), out);
            case FolderImport.Skipped s -> out.printf("- %s — ignoré : %s%n", s.file(), s.reason());
            case FolderImport.Failed f -> {
                err.printf("✘ %s — refusé, rien n'a été importé de ce %s :%n", f.file(),
                        java.nio.file.Files.isDirectory(f.file()) ? "dossier" : "fichier");
                f.error().problems().forEach(p -> err.println("  erreur : " + p));
            }
        }
    }
}
