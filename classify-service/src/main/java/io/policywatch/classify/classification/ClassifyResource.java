package io.policywatch.classify.classification;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.policywatch.events.Classification;
import io.policywatch.support.problem.ProblemException;

/** {@code POST /classify}: the same classification documents get, for any text, without ingesting it. */
@Path("/classify")
public class ClassifyResource {

    @Inject
    Classifier classifier;

    /** Runs on a worker thread: RESTEasy Reactive dispatches synchronous methods there. */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Labels a text's sentences with domains and stance and sums them up into document domains")
    public Classification classify(String text) {
        if (text == null || text.isBlank()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "https://policywatch.io/problems/empty-text",
                    "the request body is empty: send the text to classify as text/plain");
        }
        return classifier.classify(text, null);
    }
}
