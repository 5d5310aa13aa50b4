package io.agentgateway.host.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationSourceTest {

    @Test
    void everyActionRunsOnceForTheFirstReasonEvenWhenOneThrows() {
        CancellationSource source = new CancellationSource();
        List<String> ran = new ArrayList<>();
        source.onCancel(() -> ran.add("first"));
        source.onCancel(() -> {
            throw new IllegalStateException("broken abort action");
        });
        source.onCancel(() -> ran.add("third"));

        source.cancel(CancellationSource.Reason.TIMEOUT);
        source.cancel(CancellationSource.Reason.CLIENT_GONE);

        assertEquals(List.of("first", "third"), ran);
        assertEquals(CancellationSource.Reason.TIMEOUT, source.reason());
    }

    @Test
    void anActionRegisteredAfterItFiredRunsAtOnce() {
        CancellationSource source = new CancellationSource();
        source.cancel(CancellationSource.Reason.CLIENT_GONE);
        List<String> ran = new ArrayList<>();

        source.onCancel(() -> ran.add("late"));

        assertEquals(List.of("late"), ran);
    }

    @Test
    void anActionForAFinishedStepNoLongerRuns() {
        CancellationSource source = new CancellationSource();
        List<String> ran = new ArrayList<>();
        try (CancellationSource.Registration step = source.onCancelWhileOpen(() -> ran.add("finished step"))) {
            assertTrue(ran.isEmpty());
        }
        try (CancellationSource.Registration step = source.onCancelWhileOpen(() -> ran.add("running step"))) {
            source.cancel(CancellationSource.Reason.CLIENT_GONE);
        }

        assertEquals(List.of("running step"), ran);
    }

    @Test
    void aChildFiresForItsParentsReason() {
        CancellationSource parent = new CancellationSource();
        CancellationSource child = CancellationSource.under(parent);

        parent.cancel(CancellationSource.Reason.TIMEOUT);

        assertEquals(CancellationSource.Reason.TIMEOUT, child.reason());
    }
}
