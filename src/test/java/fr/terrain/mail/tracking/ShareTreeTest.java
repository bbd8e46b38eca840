package fr.terrain.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareTreeTest {
    private static final TokenSigner SIGNER;

    static {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        SIGNER = new TokenSigner(key);
    }

    private final List<Interaction> clicks = new ArrayList<>();
    private int minute;

    private ReferralCode click(long recipient, ReferralCode code, String browser, Device device) {
        clicks.add(new Interaction(Interaction.Kind.CLICK, Instant.parse("2026-03-01T10:00:00Z").plusSeconds(60L * minute++),
                1, recipient, 1, code, browser, device));
        return code;
    }

    private ShareTree tree() {
        return ShareTree.of(clicks, SIGNER::childCode);
    }

    @Test
    void theRecipientsOwnClicksAreNoShare() {
        ReferralCode a = SIGNER.recipientCode(1, 10);
        click(10, a, "navA", Device.DESKTOP);
        click(10, a, "navA", Device.DESKTOP);
        ShareTree t = tree();
        assertThat(t.shares()).isZero();
        assertThat(t.depth()).isZero();
        assertThat(t.topSharers(5)).isEmpty();
        assertThat(t.nodes()).singleElement().satisfies(n -> assertThat(n.clicks()).isEqualTo(2));
    }

    @Test
    void anotherBrowserOnTheSameCodeIsAShareCreditedToTheRecipient() {
        ReferralCode a = SIGNER.recipientCode(1, 10);
        click(10, a, "navA", Device.DESKTOP);
        click(10, a, "navB", Device.MOBILE);
        click(10, a, "navB", Device.MOBILE);
        click(10, a, "navC", Device.DESKTOP);
        ShareTree t = tree();
        assertThat(t.shares()).isEqualTo(2); // B and C
        assertThat(t.shareClicks()).isEqualTo(3);
        assertThat(t.clicksPerShare()).isEqualTo(1.5);
        assertThat(t.depth()).isEqualTo(1);
        assertThat(t.topSharers(5)).containsExactly(new ShareTree.Sharer(10, 2, 3, 1));
    }

    @Test
    void aForwardedReadersOwnCodeMakesTheTreeDeeper() {
        ReferralCode a = SIGNER.recipientCode(1, 10);
        click(10, a, "navA", Device.DESKTOP);
        click(10, a, "navB", Device.DESKTOP);
        ReferralCode b = SIGNER.childCode(a, "navB");
        click(10, b, "navB", Device.DESKTOP); // B following its own link: not a new share
        click(10, b, "navC", Device.DESKTOP); // C arrived through B's code
        ReferralCode c = SIGNER.childCode(b, "navC");
        click(10, c, "navD", Device.MOBILE);
        ShareTree t = tree();
        assertThat(t.depth()).isEqualTo(3);
        assertThat(t.shares()).isEqualTo(3);
        assertThat(t.nodes()).extracting(ShareTree.Node::parent).containsExactly(null, a, b, c);
        assertThat(t.nodes()).allSatisfy(n -> assertThat(n.recipientId()).isEqualTo(10));
        assertThat(t.topSharers(1)).containsExactly(new ShareTree.Sharer(10, 3, 4, 3));
    }

    /**
     * A browser already in a recipient's tree is not a new reader when it comes back through another code of that
     * tree: the recipient's own browser following a link their reader passed back (a cycle A → B → A), or a reader
     * reached twice (through the recipient's code, then through a forwarded reader's). By hand: the readers reached
     * are B and C only (2), all at level 1; clicks by them: B 1, C 2 → 3; A's two clicks are the recipient's own.
     */
    @Test
    void aBrowserAlreadyInTheTreeComingBackThroughAnotherCodeIsNoNewReader() {
        ReferralCode a = SIGNER.recipientCode(1, 10);
        click(10, a, "navA", Device.DESKTOP);
        click(10, a, "navB", Device.DESKTOP);
        ReferralCode b = SIGNER.childCode(a, "navB");
        click(10, b, "navA", Device.DESKTOP); // the recipient, through the link B passed back
        click(10, a, "navC", Device.MOBILE);
        click(10, b, "navC", Device.MOBILE); // C again, now through B's code
        ShareTree t = tree();
        assertThat(t.shares()).isEqualTo(2);
        assertThat(t.shareClicks()).isEqualTo(3);
        assertThat(t.depth()).isEqualTo(1);
        assertThat(t.topSharers(5)).containsExactly(new ShareTree.Sharer(10, 2, 3, 1));
        assertThat(t.nodes()).filteredOn(n -> n.holder().equals("navA")).singleElement()
                .satisfies(n -> assertThat(n.clicks()).isEqualTo(2));
    }

    @Test
    void linkScannersNeitherHoldACodeNorCountAsShares() {
        ReferralCode a = SIGNER.recipientCode(1, 10);
        click(10, a, "scanner", Device.AUTOMATED); // a mail gateway fetched the link before the reader
        click(10, a, "navA", Device.DESKTOP);
        click(10, a, "scanner2", Device.AUTOMATED);
        ShareTree t = tree();
        assertThat(t.shares()).isZero();
        assertThat(t.nodes()).singleElement().satisfies(n -> assertThat(n.holder()).isEqualTo("navA"));
    }

    @Test
    void topSharersAreRankedByReadersReached() {
        ReferralCode a = SIGNER.recipientCode(1, 10);
        ReferralCode b = SIGNER.recipientCode(1, 20);
        click(10, a, "navA", Device.DESKTOP);
        click(20, b, "navB", Device.DESKTOP);
        click(10, a, "x1", Device.DESKTOP);
        click(20, b, "y1", Device.DESKTOP);
        click(20, b, "y2", Device.DESKTOP);
        click(10, a, "x1", Device.DESKTOP);
        click(10, a, "x1", Device.DESKTOP);
        ShareTree t = tree();
        assertThat(t.topSharers(5)).extracting(ShareTree.Sharer::recipientId).containsExactly(20L, 10L);
        assertThat(t.topSharers(1)).hasSize(1);
    }

    @Test
    void clicksAreReplayedInTimeOrderWhateverTheListOrder() {
        ReferralCode a = SIGNER.recipientCode(1, 10);
        click(10, a, "navA", Device.DESKTOP);
        click(10, a, "navB", Device.DESKTOP);
        java.util.Collections.reverse(clicks);
        assertThat(ShareTree.of(clicks, SIGNER::childCode).nodes().get(0).holder()).isEqualTo("navA");
    }
}
