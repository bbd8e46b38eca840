package fr.terrain.privacy;

import java.util.List;
import java.util.Objects;

/**
 * An e-mail campaign as the register lists it under Regulation (EU) 2024/900 on political advertising: the targeting
 * techniques it used (each with its logic, « sélection géographique — arrondissement 11 »), the personal data they read
 * with where it comes from, whether any of it is tracking data, and what the campaign declared about the explicit
 * consent to targeting ({@code ""}: nothing).
 */
public record TargetedCampaign(String name, String status, List<String> techniques, List<String> data,
        boolean observed, String consent) {
    public TargetedCampaign {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(consent, "consent");
        techniques = List.copyOf(techniques);
        data = List.copyOf(data);
    }

    /** Whether it used any technique: a campaign to the whole list did not. */
    public boolean targeted() {
        return !techniques.isEmpty();
    }
}
