package io.policywatch.classify.taxonomy;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /taxonomy}: the labels classifications use, for clients building filters and legends. */
@Path("/taxonomy")
public class TaxonomyResource {

    /** The taxonomy as clients see it: what each label means, without the model's cue lexicons. */
    public record TaxonomyView(String version, List<DomainView> domains, List<Taxonomy.StanceDefinition> stances) {
    }

    public record DomainView(String id, String label, String description) {
    }

    @Inject
    Taxonomy taxonomy;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The domains and stances sentences and documents are labelled with")
    public TaxonomyView taxonomy() {
        return new TaxonomyView(taxonomy.version(),
                taxonomy.domains().stream()
                        .map(domain -> new DomainView(domain.id(), domain.label(), domain.description()))
                        .toList(),
                taxonomy.stances());
    }
}
