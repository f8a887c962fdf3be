package io.policywatch.events.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.Classification;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.DocumentIds;
import io.policywatch.events.LanguageShare;
import io.policywatch.events.Stance;
import io.policywatch.events.Subscription;

/**
 * Fails when an event record and its JSON Schema drift apart: the records' components (recursively, through nested
 * records, lists and enums) against the schemas' properties, required lists, types and enums; and events serialized
 * as the services do against the schemas, with a real validator.
 */
class SchemaDriftTest {

    static Stream<Arguments> events() {
        return Contract.EVENT_SCHEMAS.entrySet().stream().map(event -> Arguments.of(event.getKey(), event.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyRecordComponentIsDescribedByItsSchemaAndNothingElse(Class<? extends Record> event, String schemaFile) {
        List<String> drift = new ArrayList<>();
        new Walk(drift).record(event, new SchemaRef(schemaFile, Contract.file(Contract.SCHEMAS + schemaFile)),
                event.getSimpleName());
        assertTrue(drift.isEmpty(), () -> event.getSimpleName() + " and " + schemaFile + " disagree:\n  "
                + String.join("\n  ", drift));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventsAsTheServicesSerializeThemAreValidAgainstTheirSchemas(Class<? extends Record> event, String schemaFile)
            throws Exception {
        for (Record example : examples(event)) {
            JsonNode json = Contract.JSON.valueToTree(example);
            Set<ValidationMessage> errors = Contract.validate(schemaFile, json);
            assertTrue(errors.isEmpty(), () -> schemaFile + " rejects " + json + ": " + errors);
        }
    }

    @Test
    void theSchemasRejectWhatTheRecordsCannotCarry() {
        ObjectNode wrongStance = Contract.JSON.valueToTree(classified());
        ((ObjectNode) wrongStance.at("/classification/sentences/0")).put("stance", "against");
        assertFalse(Contract.validate("document-classified.schema.json", wrongStance).isEmpty(),
                "a stance outside the enum must be refused through the cross-file $ref");

        ObjectNode missingText = Contract.JSON.valueToTree(classified().document());
        missingText.remove("text");
        assertFalse(Contract.validate("document-extracted.schema.json", missingText).isEmpty());

        ObjectNode badTime = Contract.JSON.valueToTree(classified().document());
        badTime.put("receivedAt", "yesterday");
        assertFalse(Contract.validate("document-extracted.schema.json", badTime).isEmpty(),
                "date-time formats are asserted");
    }

    private static List<? extends Record> examples(Class<? extends Record> event) {
        DocumentClassified classified = classified();
        if (event == DocumentExtracted.class) {
            return List.of(classified.document(), everyOptionalSet(classified.document()));
        }
        if (event == DocumentClassified.class) {
            return List.of(classified, new DocumentClassified(everyOptionalSet(classified.document()),
                    classified.classification().withEntities(null, List.of(), List.of())));
        }
        if (event == Subscription.class) {
            Instant now = Instant.parse("2026-03-01T17:02:11.020Z");
            return List.of(
                    new Subscription("s1", "Space", "\"outer space\"", List.of(), null, null, null, null, null, false,
                            now,
                            now),
                    new Subscription("s2", "Space, opposed", "weapon*", List.of("outer-space"), Stance.OPPOSE, 0.4,
                            new Subscription.Webhook("https://hooks.example.org/x", "whsec_abc"), "a@example.org",
                            Subscription.Digest.DAILY, true, now, now),
                    new Subscription("s3", "Unsigned", "treaty", List.of(), Stance.SUPPORT, null,
                            new Subscription.Webhook("https://hooks.example.org/y", null), null,
                            Subscription.Digest.HOURLY, false, now, now));
        }
        if (event == AlertRaised.class) {
            String documentId = classified.id();
            return List.of(new AlertRaised(AlertRaised.idFor("s2", documentId), "s2", "Space, opposed", documentId,
                    "Outer space", "http://localhost:8081/documents/" + documentId, Instant.now(),
                    List.of(new AlertRaised.MatchedPassage(0, 0, 54, "We oppose weapons in outer space.",
                            "We oppose <mark>weapons</mark> in outer space.", List.of("outer-space"),
                            Stance.OPPOSE))));
        }
        throw new IllegalArgumentException("no examples of " + event);
    }

    private static DocumentClassified classified() {
        String text = "We oppose weapons in outer space.";
        DocumentExtracted document = new DocumentExtracted(DocumentIds.of(text.getBytes(StandardCharsets.UTF_8)),
                null, "text/plain", text.length(), "Outer space", null, null, null,
                Instant.parse("2026-03-02T09:15:27.398Z"), null, null, "en", List.of(), null, text.length(),
                List.of(), text);
        Classification classification = new Classification("policywatch-classifier/1.0", "1", "en", true,
                List.of(new Classification.DomainScore("outer-space", 0.91, new Classification.StanceCounts(0, 1, 0))),
                List.of(new Classification.SentenceLabel(0, 0, text.length(), text, List.of("outer-space"),
                        Stance.OPPOSE, 0.84)),
                "1", List.of(new Classification.EntityMention("CHN", "China", "state", 1)), List.of("CHN"));
        return new DocumentClassified(document, classification);
    }

    private static DocumentExtracted everyOptionalSet(DocumentExtracted d) {
        return new DocumentExtracted(d.id(), "space.pdf", "application/pdf", d.sizeBytes(), d.title(), "UNODA",
                "https://example.org/42", Instant.parse("2026-02-28T00:00:00Z"), d.receivedAt(),
                Instant.parse("2026-02-20T10:00:00Z"), Instant.parse("2026-02-27T16:30:00Z"), d.language(),
                List.of(new LanguageShare("en", 0.82), new LanguageShare("zh", 0.18)), 3,
                d.characters(), List.of("no text layer on page 2"), d.text());
    }

    /** A schema node and the file its relative {@code $ref}s resolve against. */
    private record SchemaRef(String file, JsonNode node) {
    }

    /** Walks a record type and its schema side by side, collecting every disagreement. */
    private record Walk(List<String> drift) {

        void record(Class<?> type, SchemaRef schema, String path) {
            SchemaRef object = resolve(schema);
            if (!typesOf(object.node()).contains("object")) {
                drift.add(path + ": the record " + type.getSimpleName() + " is not described as an object");
                return;
            }
            List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .toList();
            Set<String> properties = new TreeSet<>();
            object.node().path("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> required = new TreeSet<>();
            object.node().path("required").forEach(name -> required.add(name.asText()));
            if (!properties.equals(new TreeSet<>(components))) {
                drift.add(path + ": components " + new TreeSet<>(components) + " but schema properties " + properties);
            }
            // Jackson writes every component, null or not: a consumer may rely on each being present.
            if (!required.equals(new TreeSet<>(components))) {
                drift.add(path + ": components " + new TreeSet<>(components) + " but required " + required);
            }
            for (RecordComponent component : type.getRecordComponents()) {
                JsonNode property = object.node().path("properties").path(component.getName());
                if (!property.isMissingNode()) {
                    value(component.getGenericType(), new SchemaRef(object.file(), property),
                            path + "." + component.getName());
                }
            }
        }

        void value(Type type, SchemaRef schema, String path) {
            SchemaRef resolved = resolve(schema);
            Set<String> types = typesOf(resolved.node());
            Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                    : (Class<?>) type;
            if (raw.isPrimitive() && types.contains("null")) {
                drift.add(path + ": a " + raw + " is never null but the schema allows null");
            }
            types.remove("null");
            String expected = jsonType(raw);
            if (!types.equals(Set.of(expected))) {
                drift.add(path + ": " + raw.getSimpleName() + " is a JSON " + expected + " but the schema says " + types);
                return;
            }
            if (raw == Instant.class && !"date-time".equals(resolved.node().path("format").asText())) {
                drift.add(path + ": an Instant must have format date-time");
            }
            if (raw.isEnum()) {
                Set<String> names = enumNames(raw);
                Set<String> listed = new TreeSet<>();
                resolved.node().path("enum").forEach(name -> listed.add(name.asText()));
                if (!names.equals(listed)) {
                    drift.add(path + ": " + raw.getSimpleName() + " has " + names + " but the schema lists " + listed);
                }
            } else if (raw.isRecord()) {
                record(raw, resolved, path);
            } else if (List.class.isAssignableFrom(raw)) {
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                JsonNode items = resolved.node().path("items");
                if (items.isMissingNode()) {
                    drift.add(path + ": the array has no items schema");
                } else {
                    value(element, new SchemaRef(resolved.file(), items), path + "[]");
                }
            }
        }

        /** Follows {@code $ref}s, and unwraps {@code anyOf: [X, {type: null}]} into X allowing null. */
        private SchemaRef resolve(SchemaRef schema) {
            JsonNode node = schema.node();
            if (node.has("$ref")) {
                String ref = node.get("$ref").asText();
                int hash = ref.indexOf('#');
                String file = hash == 0 ? schema.file() : hash < 0 ? ref : ref.substring(0, hash);
                JsonNode target = Contract.file(Contract.SCHEMAS + file);
                if (hash >= 0) {
                    target = target.at(ref.substring(hash + 1));
                }
                if (target.isMissingNode()) {
                    fail(schema.file() + ": unresolvable $ref " + ref);
                }
                return resolve(new SchemaRef(file, target));
            }
            if (node.has("anyOf")) {
                List<JsonNode> alternatives = new ArrayList<>();
                node.get("anyOf").forEach(alternatives::add);
                List<JsonNode> nonNull = alternatives.stream()
                        .filter(alternative -> !"null".equals(alternative.path("type").asText())).toList();
                if (nonNull.size() == 1 && alternatives.size() == 2) {
                    SchemaRef inner = resolve(new SchemaRef(schema.file(), nonNull.get(0)));
                    ObjectNode nullable = inner.node().deepCopy();
                    Set<String> types = typesOf(inner.node());
                    types.add("null");
                    nullable.set("type", Contract.JSON.valueToTree(types));
                    return new SchemaRef(inner.file(), nullable);
                }
            }
            return schema;
        }

        private static Set<String> typesOf(JsonNode schema) {
            Set<String> types = new LinkedHashSet<>();
            JsonNode type = schema.path("type");
            if (type.isArray()) {
                type.forEach(name -> types.add(name.asText()));
            } else if (type.isTextual()) {
                types.add(type.asText());
            }
            return types;
        }

        private static String jsonType(Class<?> raw) {
            if (raw == String.class || raw == Instant.class || raw.isEnum()) {
                return "string";
            }
            if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
                return "integer";
            }
            if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
                return "number";
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return "boolean";
            }
            if (List.class.isAssignableFrom(raw)) {
                return "array";
            }
            if (raw.isRecord()) {
                return "object";
            }
            throw new IllegalArgumentException("the contract has no JSON mapping for " + raw);
        }

        /** The names Jackson writes: {@code @JsonProperty} where given, else the constant's name. */
        private static Set<String> enumNames(Class<?> type) {
            Set<String> names = new TreeSet<>();
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                try {
                    JsonProperty property = type.getField(name).getAnnotation(JsonProperty.class);
                    names.add(property == null ? name : property.value());
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
            }
            return names;
        }
    }
}
