package fr.terrain.mail;

import java.util.Map;
import java.util.Objects;

/**
 * One message for one recipient, ready for the SMTP adapter: its only To:, its subject, the HTML
 * and plain-text alternatives, and its extra headers (List-Unsubscribe, List-Unsubscribe-Post).
 *
 * @param unsubscribeLink the unsubscribe link as the body carries it (after the {@link LinkRewriter})
 */
public record RenderedMessage(String from, String to, String subject, String html, String text,
        Map<String, String> headers, String messageId, String unsubscribeLink) {
    public RenderedMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(messageId, "messageId");
        headers = Map.copyOf(headers);
    }
}
