package fr.terrain.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class AbSplitTest {
    @Property
    void everyRecipientIsInExactlyOneGroupAndTheVariantsHaveEqualSize(@ForAll @IntRange(min = 2, max = 3000) int n,
            @ForAll @DoubleRange(min = 0.01, max = 1) double share, @ForAll long seed) {
        List<Long> ids = LongStream.rangeClosed(1, n).boxed().toList();
        AbSplit s = AbSplit.of(ids, share, seed);
        List<Long> all = new ArrayList<>(s.variantA());
        all.addAll(s.variantB());
        all.addAll(s.rest());
        assertThat(all).hasSize(n);
        assertThat(new HashSet<>(all)).hasSize(n);
        assertThat(s.variantA()).hasSameSizeAs(s.variantB()).isNotEmpty();
        assertThat(s.variantA().size()).isEqualTo(Math.max(1, (int) Math.floor(n * share / 2)));
    }

    @Property
    void theSplitDependsOnTheSeedNotTheInputOrder(@ForAll @IntRange(min = 2, max = 500) int n, @ForAll long seed) {
        List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, n).boxed().toList());
        AbSplit first = AbSplit.of(ids, 0.2, seed);
        java.util.Collections.reverse(ids);
        assertThat(AbSplit.of(ids, 0.2, seed)).isEqualTo(first);
    }

    @net.jqwik.api.Example
    void theSampleIsRandomNotTheFirstIds() {
        List<Long> ids = LongStream.rangeClosed(1, 10_000).boxed().toList();
        AbSplit s = AbSplit.of(ids, 0.2, 99);
        // a sample of 2,000 drawn at random has a mean id near 5,000 (sd of the mean ≈ 2887/√2000 ≈ 65)
        double mean = (s.variantA().stream().mapToLong(Long::longValue).sum()
                + s.variantB().stream().mapToLong(Long::longValue).sum()) / 2000.0;
        assertThat(mean).isBetween(4600.0, 5400.0);
    }
}
