package fr.terrain.mail;

import java.util.Optional;

/**
 * The hook through which every outgoing link of a message passes when it is rendered (tracking
 * supplies the real one: signed redirects, referral codes). The unsubscribe link goes through it
 * too, so a rewriter must keep it working; {@link #NONE} leaves links as they are and adds no pixel.
 */
public interface LinkRewriter {
    /** The link to put in the message for {@code url}, for this recipient. */
    String rewrite(String url, RecipientRef r);

    /** The URL of an open pixel for this recipient, if opens are tracked. */
    Optional<String> openPixelUrl(RecipientRef r);

    /**
     * A link by which this recipient can refuse tracking (ePrivacy), shown in the message's mentions
     * when tracking is on; empty when nothing is tracked.
     */
    default Optional<String> optOutUrl(RecipientRef r) {
        return Optional.empty();
    }

    LinkRewriter NONE = new LinkRewriter() {
        @Override
        public String rewrite(String url, RecipientRef r) {
            return url;
        }

        @Override
        public Optional<String> openPixelUrl(RecipientRef r) {
            return Optional.empty();
        }
    };
}
