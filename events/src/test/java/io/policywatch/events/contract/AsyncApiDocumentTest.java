package io.policywatch.events.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Subscription;
import io.policywatch.events.Topics;

/** The AsyncAPI document against the code: topics, event types, payload schemas and its examples. */
class AsyncApiDocumentTest {

    private static final String DOCUMENT = Contract.DIRECTORY + "asyncapi.yaml";
    private static final String SCHEMA_PREFIX = "./schemas/";

    /** Which record each message carries, by the payload schema it names. */
    private static final Map<String, Class<? extends Record>> RECORDS = Map.of(
            "document-extracted.schema.json", DocumentExtracted.class,
            "document-classified.schema.json", DocumentClassified.class,
            "subscription.schema.json", Subscription.class,
            "alert-raised.schema.json", AlertRaised.class);

    private final JsonNode asyncApi = Contract.file(DOCUMENT);

    @Test
    void itIsAsyncApi3WithAChannelForEveryTopicThatCarriesAnEvent() {
        assertEquals("3.0.0", asyncApi.path("asyncapi").asText());
        Set<String> addresses = new TreeSet<>();
        asyncApi.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertEquals(new TreeSet<>(Set.of(Topics.DOCUMENTS_EXTRACTED, Topics.DOCUMENTS_CLASSIFIED,
                Topics.SUBSCRIPTIONS, Topics.ALERTS)), addresses);
        asyncApi.path("operations").forEach(operation -> assertTrue(
                resolve(operation.path("channel").path("$ref").asText()).has("address"), operation.toString()));
    }

    @Test
    void everyEventTypeHasExactlyOneMessageWithItsCloudEventsType() throws IllegalAccessException {
        Set<String> declared = new TreeSet<>();
        for (Field field : EventTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                declared.add((String) field.get(null));
            }
        }
        List<String> documented = new ArrayList<>();
        messages().forEach((name, message) -> documented.add(fixedType(message)));
        assertEquals(declared, new TreeSet<>(documented));
        assertEquals(declared.size(), documented.size());
    }

    @Test
    void everyMessagePayloadIsAnEventSchemaAndEveryExampleFitsItAndItsRecord() throws Exception {
        Map<String, JsonNode> messages = messages();
        Set<String> schemas = new TreeSet<>();
        for (Map.Entry<String, JsonNode> message : messages.entrySet()) {
            String ref = message.getValue().at("/payload/schema/$ref").asText();
            assertTrue(ref.startsWith(SCHEMA_PREFIX), message.getKey() + " payload " + ref);
            String schemaFile = ref.substring(SCHEMA_PREFIX.length());
            schemas.add(schemaFile);
            assertTrue(message.getValue().path("examples").size() > 0, message.getKey() + " has no example");
            for (JsonNode example : message.getValue().path("examples")) {
                JsonNode payload = example.path("payload");
                Set<ValidationMessage> errors = Contract.validate(schemaFile, payload);
                assertTrue(errors.isEmpty(), () -> message.getKey() + " example: " + errors);
                // The record reads the example strictly and writes it back the same: names and shapes agree.
                Record event = Contract.JSON.treeToValue(payload, RECORDS.get(schemaFile));
                assertEquals(reparsed(payload), reparsed(event), message.getKey());
                assertEquals(fixedType(message.getValue()), example.at("/headers/ce_type").asText());
            }
        }
        assertEquals(new TreeSet<>(Contract.EVENT_SCHEMAS.values()), schemas);
    }

    /** As JSON text parsed again, so that numbers compare by value rather than by node class (int, long). */
    private static JsonNode reparsed(Object value) throws Exception {
        return Contract.JSON.readTree(Contract.JSON.writeValueAsString(value));
    }

    private Map<String, JsonNode> messages() {
        Map<String, JsonNode> messages = new TreeMap<>();
        asyncApi.path("components").path("messages").fields()
                .forEachRemaining(entry -> messages.put(entry.getKey(), entry.getValue()));
        return messages;
    }

    private static String fixedType(JsonNode message) {
        for (JsonNode part : message.path("headers").path("allOf")) {
            JsonNode type = part.at("/properties/ce_type/const");
            if (type.isTextual()) {
                return type.asText();
            }
        }
        throw new AssertionError("a message without a fixed ce_type: " + message.path("name"));
    }

    private JsonNode resolve(String localRef) {
        JsonNode target = asyncApi.at(localRef.substring(1));
        assertTrue(!target.isMissingNode(), "unresolvable " + localRef);
        return target;
    }
}
