package io.policywatch.notify.state;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.policywatch.events.Topics;
import io.policywatch.testing.TestKafka;
import io.policywatch.testing.TopicWriter;

/** The view against the real test broker, on the subscriptions topic with keys no other test uses. */
class MaterializedTopicViewTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> state = new ConcurrentHashMap<>();

    private MaterializedTopicView<String> newView() {
        return new MaterializedTopicView<>(TestKafka.bootstrapServers(), Topics.SUBSCRIPTIONS, value -> {
            if (value.startsWith("bad")) {
                throw new IllegalArgumentException("cannot decode " + value);
            }
            return value;
        }, (key, value) -> {
            if (value == null) {
                state.remove(key);
            } else {
                state.put(key, value);
            }
        });
    }

    private static void write(String key, String value) {
        TopicWriter.send(Topics.SUBSCRIPTIONS, key, value, Map.of());
    }

    @Test
    void theInitialLoadKeepsTheLatestValuePerKeySkipsBadRecordsAndHonoursTombstones() throws Exception {
        String prefix = UUID.randomUUID() + "-";
        write(prefix + "a", "first");
        write(prefix + "a", "second");
        write(prefix + "b", "bad record");
        write(prefix + "c", "doomed");
        write(prefix + "c", null);
        write(prefix + "d", "after the bad one");

        try (MaterializedTopicView<String> view = newView()) {
            assertFalse(view.loaded());
            view.start();
            assertTrue(view.awaitLoaded(TIMEOUT));

            assertEquals("second", state.get(prefix + "a"));
            assertFalse(state.containsKey(prefix + "b"));
            assertFalse(state.containsKey(prefix + "c"));
            assertEquals("after the bad one", state.get(prefix + "d"));
        }
    }

    @Test
    void afterLoadingTheViewFollowsNewWritesAndCatchesUpOnRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        try (MaterializedTopicView<String> view = newView()) {
            view.start();
            assertTrue(view.awaitLoaded(TIMEOUT));

            write(key, "written by another instance");
            await().atMost(TIMEOUT).until(() -> state.containsKey(key));

            write(key, null);
            view.catchUp().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertFalse(state.containsKey(key));
        }
    }
}
