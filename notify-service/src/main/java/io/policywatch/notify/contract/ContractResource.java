package io.policywatch.notify.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.policywatch.support.problem.ProblemException;

/**
 * The event contract as the events jar ships it: the AsyncAPI document of the topics and the JSON Schemas of
 * their payloads, so that a dashboard in any language can be written against a running instance.
 */
@Path("/asyncapi")
public class ContractResource {

    private static final String DIRECTORY = "META-INF/policywatch/";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z-]*\\.schema\\.json");
    /**
     * The document names its schemas relative to itself ({@code ./schemas/...}, true in the repository); served
     * at {@code /asyncapi}, that would resolve to {@code /schemas/...}, so the served copy points at where they
     * are served.
     */
    private static final String SCHEMAS_IN_REPOSITORY = "'./schemas/";
    private static final String SCHEMAS_SERVED = "'/asyncapi/schemas/";

    private final String asyncApi = read(DIRECTORY + "asyncapi.yaml").replace(SCHEMAS_IN_REPOSITORY, SCHEMAS_SERVED);

    @GET
    @Produces("application/yaml")
    @Operation(summary = "The AsyncAPI 3.0 document of PolicyWatch's topics and events")
    public String asyncApi() {
        return asyncApi;
    }

    @GET
    @Path("/schemas/{name}")
    @Produces("application/schema+json")
    @Operation(summary = "A JSON Schema (draft 2020-12) of an event payload, e.g. document-classified.schema.json")
    public String schema(@PathParam("name") String name) {
        String path = DIRECTORY + "schemas/" + name;
        if (!SCHEMA_NAME.matcher(name).matches()
                || Thread.currentThread().getContextClassLoader().getResource(path) == null) {
            throw new ProblemException(Response.Status.NOT_FOUND, "no schema named '" + name + "'");
        }
        return read(path);
    }

    private static String read(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the events jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
