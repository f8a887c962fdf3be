package io.policywatch.notify.live;

import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.Topics;
import io.policywatch.notify.stream.LiveStreams;
import io.policywatch.notify.stream.StreamStart;
import io.policywatch.notify.stream.TopicStream;
import io.smallrye.mutiny.Multi;

/**
 * The alerts topic as server-sent events ({@link LiveStreams}: event ids are topic positions, so a client resumes with
 * {@code Last-Event-ID} without gap or repeat; heartbeats keep idle streams open). Each {@code alert} event's data is
 * the {@code AlertRaised} JSON, whichever instance raised it.
 */
@ApplicationScoped
public class AlertStreams {

    /** The SSE event name of an alert. */
    public static final String ALERT_EVENT = "alert";

    private static final Logger LOG = Logger.getLogger(AlertStreams.class);

    @Inject
    LiveStreams streams;

    @Inject
    ObjectMapper mapper;

    /** @param wanted which alerts the client sees; the others still move its position on */
    public Multi<OutboundSseEvent> open(StreamStart start, Predicate<AlertRaised> wanted, Sse sse) {
        return streams.open(Topics.ALERTS, start, record -> alert(record).filter(wanted), ALERT_EVENT, sse);
    }

    private Optional<AlertRaised> alert(TopicStream.Received record) {
        try {
            return Optional.of(mapper.readValue(record.value(), AlertRaised.class));
        } catch (Exception e) {
            // The delivery consumer dead-letters such a record; a stream just passes it by.
            LOG.debugf("Skipping unreadable alert %s: %s", record.key(), e.getMessage());
            return Optional.empty();
        }
    }
}
