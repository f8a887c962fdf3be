package io.policywatch.classify.entities;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.policywatch.support.problem.ProblemException;

/**
 * {@code POST /entities}: the states and organizations a text mentions and its issuer. A separate endpoint until the
 * shared {@code Classification} record has a place for them.
 */
@Path("/entities")
public class EntityResource {

    @Inject
    EntityFinder finder;

    /** Runs on a worker thread: RESTEasy Reactive dispatches synchronous methods there. */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Finds the states and international organizations a text mentions, and who it says speaks")
    public Entities entities(String text) {
        if (text == null || text.isBlank()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "https://policywatch.io/problems/empty-text",
                    "the request body is empty: send the text to search as text/plain");
        }
        return finder.find(text);
    }
}
