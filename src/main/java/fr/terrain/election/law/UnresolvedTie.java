package fr.terrain.election.law;

/** A tie the law breaks with facts the count does not carry (candidates' ages). */
public final class UnresolvedTie extends RuntimeException {
    public UnresolvedTie(String message) {
        super(message);
    }
}
