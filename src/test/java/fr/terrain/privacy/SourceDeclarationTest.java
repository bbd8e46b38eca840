package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceDeclarationTest {
    @Test
    void aCommercialFileNeedsItsProviderTheProvidersContactAndTheConsentedChannels() {
        assertThatThrownBy(() -> SourceDeclaration.parse("commercial-with-consent", null, null, null))
                .hasMessageContaining("il manque le nom du fournisseur (--provider), son contact (--provider-contact),"
                        + " les canaux couverts par le consentement")
                .hasMessageContaining(SourceDeclaration.COMMERCIAL_RULE);
        assertThatThrownBy(() -> SourceDeclaration.parse("commercial-with-consent", "Loueur", "dpo@loueur.example", " "))
                .hasMessageContaining("il manque les canaux couverts");
        SourceDeclaration ok = SourceDeclaration.parse("commercial-with-consent", " Loueur ", "dpo@loueur.example",
                "SMS, email");
        assertThat(ok.provider()).isEqualTo("Loueur");
        assertThat(ok.channelList()).contains("email,sms");
    }

    @Test
    void everyForbiddenCategoryIsRefusedWithItsRuleAndUnknownOnesToo() {
        for (SourceCategory c : SourceCategory.values()) {
            if (!c.allowed()) {
                assertThatThrownBy(() -> SourceDeclaration.parse(c.id(), "x", "y", "email"))
                        .isInstanceOf(SourceDeclaration.SourceRefused.class).hasMessageContaining(c.description());
            }
        }
        assertThatThrownBy(() -> SourceDeclaration.parse("bought-list", null, null, null))
                .hasMessageContaining("catégorie de source inconnue « bought-list »");
        assertThatThrownBy(() -> SourceDeclaration.parse(null, null, null, null))
                .isInstanceOf(SourceDeclaration.SourceRefused.class);
        assertThat(SourceDeclaration.parse("electoral-list", "Préfecture", null, null).channelList()).isEmpty();
    }
}
