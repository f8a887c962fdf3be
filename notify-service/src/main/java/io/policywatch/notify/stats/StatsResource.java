package io.policywatch.notify.stats;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/stats")
public class StatsResource {

    @Inject
    ClassifiedStats stats;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Classified documents by domain and stance over the last hour, day and week, and per hour")
    public Stats stats() {
        return stats.snapshot();
    }
}
