package io.policywatch.events.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.Subscription;

/** The contract's files as the events jar ships them, and the tools to hold the records against them. */
final class Contract {

    static final String DIRECTORY = "META-INF/policywatch/";
    static final String SCHEMAS = DIRECTORY + "schemas/";

    /** Each event record and the schema of its payload. */
    static final Map<Class<? extends Record>, String> EVENT_SCHEMAS = Map.of(
            DocumentExtracted.class, "document-extracted.schema.json",
            DocumentClassified.class, "document-classified.schema.json",
            Subscription.class, "subscription.schema.json",
            AlertRaised.class, "alert-raised.schema.json");

    /** The events' JSON as the services write it (Quarkus' defaults: ISO-8601 instants, nulls written). */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Strict here, unlike the services: an example property the record lacks is drift.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonNode> FILES = new ConcurrentHashMap<>();

    /** A file of the contract, parsed (JSON or YAML). */
    static JsonNode file(String path) {
        return FILES.computeIfAbsent(path, Contract::read);
    }

    /** Validates a JSON value against a schema file of {@link #SCHEMAS}; relative $refs resolve on the classpath. */
    static Set<ValidationMessage> validate(String schemaFile, JsonNode value) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + SCHEMAS + schemaFile), CONFIG);
        return schema.validate(value);
    }

    private static JsonNode read(String path) {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException(path + " is not on the classpath");
            }
            return (path.endsWith(".yaml") ? YAML : JSON).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Contract() {
    }
}
