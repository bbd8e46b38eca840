package fr.terrain.ingest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Bad input: one or more located problems. The only exception type a user should ever see. */
public final class InputError extends RuntimeException {
    private final List<Problem> problems;

    public InputError(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an input error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InputError(Problem problem) {
        this(List.of(problem));
    }

    /** A problem with the whole file or with the command's options. */
    public static InputError of(String file, String message) {
        return new InputError(new Problem(file, 0, 0, null, message));
    }

    /** A file that could not be read: missing, refused, or the system's reason. */
    public static InputError unreadable(String file, IOException e) {
        return of(file, fileProblem(e).orElse("impossible de lire le fichier : " + e.getMessage()));
    }

    /** A missing file or a refused access in words (the path named), for any command that meets one. */
    public static Optional<String> fileProblem(IOException e) {
        return switch (e) {
            case NoSuchFileException f -> Optional.of("fichier introuvable : " + f.getFile());
            case AccessDeniedException f -> Optional.of("accès refusé : " + f.getFile());
            default -> Optional.empty();
        };
    }

    public List<Problem> problems() {
        return problems;
    }
}
