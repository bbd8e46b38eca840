package fr.terrain.mail.tracking;

/**
 * What a tracking URL says once its signature is checked: which campaign and recipient the
 * message was for, which of the campaign's recorded links was followed ({@link #PIXEL} for the
 * open pixel, 1… for the links in the order the campaign recorded them), and the referral code
 * the link carried.
 */
public record TrackingToken(long campaignId, long recipientId, int link, ReferralCode referral) {
    /** The link number of the open pixel. */
    public static final int PIXEL = 0;

    public TrackingToken {
        if (campaignId <= 0 || recipientId <= 0) {
            throw new IllegalArgumentException("campagne et destinataire doivent être positifs");
        }
        if (link < 0) {
            throw new IllegalArgumentException("numéro de lien négatif : " + link);
        }
        if (referral == null) {
            throw new IllegalArgumentException("code de partage manquant");
        }
    }

    public boolean isPixel() {
        return link == PIXEL;
    }
}
