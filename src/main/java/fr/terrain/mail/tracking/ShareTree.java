package fr.terrain.mail.tracking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Who passed a campaign's message on, rebuilt from its clicks in time order.
 * <p>
 * Each recipient's links carry their own referral code. The first browser (first-party cookie)
 * that clicks a code is taken as its holder; a later click carrying the same code from another
 * browser is a <em>share</em>: that browser gets a child code under the one it arrived with, so a
 * link carrying the child code, clicked by a third browser, makes the tree one level deeper.
 * Every node is credited to the recipient at its root. A browser holds one node per tree: coming back
 * through another code of the same tree (the recipient through a link passed back to them, a reader
 * reached through two codes) its click counts to that node, not as a new reader, so a cycle adds nothing.
 * <p>
 * What this cannot tell (see docs/mail.md): a recipient reading on two devices looks like a
 * share; a forwarded reader who clicks before the recipient is taken as the holder; a cleared
 * cookie or a private window looks like a new reader. Automated clicks (link scanners) and clicks
 * without a browser identifier neither hold a code nor count as shares.
 */
public final class ShareTree {
    /** A referral code in the tree: depth 0 for a recipient's own code. */
    public record Node(ReferralCode code, ReferralCode parent, long recipientId, int depth, String holder, int clicks) {}

    /** One recipient whose message was passed on: readers reached (all depths) and their clicks. */
    public record Sharer(long recipientId, int readers, int clicks, int maxDepth) {}

    private final Map<ReferralCode, MutableNode> nodes;

    private ShareTree(Map<ReferralCode, MutableNode> nodes) {
        this.nodes = nodes;
    }

    /**
     * The tree of one campaign's clicks, sorted here by time; {@code childCode} gives the code of a browser
     * arriving through a parent code (the signer's, so that the links it issues match the tree).
     */
    public static ShareTree of(List<Interaction> interactions, BiFunction<ReferralCode, String, ReferralCode> childCode) {
        List<Interaction> clicks = new ArrayList<>();
        for (Interaction i : interactions) {
            if (i.kind() == Interaction.Kind.CLICK && !i.automated() && !i.browser().isEmpty()) {
                clicks.add(i);
            }
        }
        clicks.sort(Comparator.comparing(Interaction::at));
        Map<ReferralCode, MutableNode> nodes = new LinkedHashMap<>();
        // per recipient, the node each browser of their tree holds: a browser coming back through another code of the
        // same tree (the recipient through a link passed back to them, a reader reached twice) is no new reader
        Map<Long, Map<String, MutableNode>> held = new HashMap<>();
        for (Interaction c : clicks) {
            MutableNode arrived = nodes.computeIfAbsent(c.referral(),
                    code -> new MutableNode(code, null, c.recipientId(), 0));
            Map<String, MutableNode> tree = held.computeIfAbsent(arrived.recipientId, r -> new HashMap<>());
            if (arrived.holder == null) {
                arrived.holder = c.browser();
                tree.putIfAbsent(c.browser(), arrived);
            }
            MutableNode known = tree.get(c.browser());
            if (known != null) {
                known.clicks++;
                continue;
            }
            ReferralCode child = childCode.apply(arrived.code, c.browser());
            MutableNode node = nodes.computeIfAbsent(child,
                    code -> new MutableNode(code, arrived.code, arrived.recipientId, arrived.depth + 1));
            if (node.holder == null) {
                node.holder = c.browser();
            }
            tree.put(c.browser(), node);
            node.clicks++;
        }
        return new ShareTree(nodes);
    }

    /** Every node, in the order the codes were first clicked. */
    public List<Node> nodes() {
        return nodes.values().stream().map(MutableNode::frozen).toList();
    }

    /** Readers reached through someone else's link: the nodes below the recipients' own codes. */
    public int shares() {
        return (int) nodes.values().stream().filter(n -> n.depth > 0).count();
    }

    /** Clicks by those readers. */
    public int shareClicks() {
        return nodes.values().stream().filter(n -> n.depth > 0).mapToInt(n -> n.clicks).sum();
    }

    /** Clicks per share (0 when nothing was shared). */
    public double clicksPerShare() {
        int shares = shares();
        return shares == 0 ? 0 : (double) shareClicks() / shares;
    }

    /** The deepest level reached: 0 when nothing was shared, 1 when forwarded readers clicked, 2 when their own links were passed on… */
    public int depth() {
        return nodes.values().stream().mapToInt(n -> n.depth).max().orElse(0);
    }

    /** The recipients whose message reached most readers (then most clicks), at most {@code limit}. */
    public List<Sharer> topSharers(int limit) {
        Map<Long, int[]> by = new HashMap<>();
        for (MutableNode n : nodes.values()) {
            if (n.depth > 0) {
                int[] s = by.computeIfAbsent(n.recipientId, r -> new int[3]);
                s[0]++;
                s[1] += n.clicks;
                s[2] = Math.max(s[2], n.depth);
            }
        }
        return by.entrySet().stream().map(e -> new Sharer(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .sorted(Comparator.comparingInt(Sharer::readers).reversed().thenComparing(Comparator.comparingInt(
                        Sharer::clicks).reversed()).thenComparingLong(Sharer::recipientId))
                .limit(limit).toList();
    }

    private static final class MutableNode {
        final ReferralCode code;
        final ReferralCode parent;
        final long recipientId;
        final int depth;
        String holder;
        int clicks;

        MutableNode(ReferralCode code, ReferralCode parent, long recipientId, int depth) {
            this.code = code;
            this.parent = parent;
            this.recipientId = recipientId;
            this.depth = depth;
        }

        Node frozen() {
            return new Node(code, parent, recipientId, depth, holder, clicks);
        }
    }
}
