package io.policywatch.notify.stream;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a client of a topic stream stands: for each partition, the offset of the next record it has not been
 * given. It is the SSE event id ({@code 0:12,1:5,...}), so a reconnecting client's {@code Last-Event-ID} says
 * exactly where to go on: nothing it missed is skipped, nothing it had is sent again. A record a filter dropped
 * counts as given, so the next event's id covers it.
 */
public record StreamPosition(Map<Integer, Long> nextOffsets) {

    public StreamPosition {
        nextOffsets = Collections.unmodifiableMap(new TreeMap<>(nextOffsets));
    }

    /** The position after the record at {@code offset} of {@code partition}. */
    public StreamPosition after(int partition, long offset) {
        Map<Integer, Long> next = new TreeMap<>(nextOffsets);
        next.put(partition, offset + 1);
        return new StreamPosition(next);
    }

    /**
     * @throws IllegalArgumentException when the text is not a position this service wrote
     */
    public static StreamPosition parse(String text) {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (String entry : text.trim().split(",")) {
            String[] parts = entry.split(":");
            try {
                int partition = Integer.parseInt(parts[0].trim());
                long offset = Long.parseLong(parts[1].trim());
                if (parts.length != 2 || partition < 0 || offset < 0 || offsets.put(partition, offset) != null) {
                    throw new IllegalArgumentException();
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not a stream position (partition:offset,...)");
            }
        }
        return new StreamPosition(offsets);
    }

    @Override
    public String toString() {
        return nextOffsets.entrySet().stream().map(entry -> entry.getKey() + ":" + entry.getValue())
                .collect(Collectors.joining(","));
    }
}
