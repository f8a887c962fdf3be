package io.policywatch.notify.stream;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.notify.NotifyConfig;
import io.policywatch.support.problem.ProblemException;
import io.smallrye.mutiny.Multi;

/**
 * Turns topic streams into server-sent events for HTTP clients: each record a client should see becomes an event
 * whose id is the {@link StreamPosition} after it; the first event ({@code ready}) carries the start position, so
 * a client that reconnects before anything arrived still misses nothing. Idle streams get a comment line now and
 * then. The number of open streams is bounded: each holds a Kafka consumer.
 */
@ApplicationScoped
public class LiveStreams {

    /** The event that opens every stream; its id is where the stream started. */
    public static final String READY_EVENT = "ready";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    NotifyConfig config;

    @Inject
    ObjectMapper mapper;

    private final AtomicInteger open = new AtomicInteger();

    /**
     * Where a request's stream starts ({@link StreamStart#of}).
     *
     * @throws ProblemException 400 naming a malformed {@code Last-Event-ID} or {@code since}
     */
    public static StreamStart start(String lastEventId, String since) {
        try {
            return StreamStart.of(lastEventId, since);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    /**
     * @param view what a client sees of a record, or empty when its filters drop it (or it cannot be read)
     * @param eventName the SSE event name of the records' events
     * @throws ProblemException 503 when too many streams are open
     */
    public Multi<OutboundSseEvent> open(String topic, StreamStart start, Function<TopicStream.Received, Optional<?>> view,
            String eventName, Sse sse) {
        if (open.incrementAndGet() > config.streams().maxClients()) {
            open.decrementAndGet();
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "too many open streams on this instance (" + config.streams().maxClients() + "); retry later");
        }
        Multi<OutboundSseEvent> events = TopicStream.open(bootstrapServers, topic, start)
                .onItem().transformToIterable(item -> {
                    if (item instanceof TopicStream.Opened opened) {
                        return List.of(event(sse, READY_EVENT, opened.position(), new Ready(topic,
                                opened.position().toString())));
                    }
                    TopicStream.Received received = (TopicStream.Received) item;
                    return view.apply(received)
                            .map(value -> List.of(event(sse, eventName, received.positionAfter(), value)))
                            .orElse(List.of());
                });
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.streams().heartbeat())
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(events, heartbeats)
                .onTermination().invoke(open::decrementAndGet);
    }

    private OutboundSseEvent event(Sse sse, String name, StreamPosition position, Object data) {
        try {
            return sse.newEventBuilder().name(name).id(position.toString()).data(mapper.writeValueAsString(data))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + data.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The data of the {@code ready} event. */
    public record Ready(String topic, String position) {
    }
}
