package fr.terrain.store;

import java.sql.SQLException;

/** A database failure (not a user error): the transaction is rolled back. */
public final class StoreException extends RuntimeException {
    StoreException(SQLException cause) {
        super("erreur de la base de données : " + cause.getMessage(), cause);
    }

    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
