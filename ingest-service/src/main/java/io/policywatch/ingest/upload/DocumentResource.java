package io.policywatch.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.ingest.IngestConfig;
import io.policywatch.ingest.UploadProblems;
import io.policywatch.ingest.extraction.TextExtractor;
import io.policywatch.ingest.storage.BlobStore;
import io.policywatch.ingest.storage.DocumentRecords;
import io.policywatch.ingest.storage.ExtractionFailure;
import io.policywatch.ingest.storage.ExtractionFailures;
import io.policywatch.ingest.upload.DocumentIngestion.Ingested;
import io.policywatch.support.problem.ProblemException;
import io.policywatch.support.problem.ProblemMappers;
import io.smallrye.common.annotation.Blocking;

@Path("/documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
@Blocking // staging, Tika and waiting for Kafka all block
public class DocumentResource {

    // Both upload forms share one path, so OpenAPI shows them as one operation.
    private static final String UPLOAD_SUMMARY = "Upload a document";
    private static final String UPLOAD_DESCRIPTION = "As the multipart/form-data part 'file' (with optional parts "
            + "title, source, publishedAt), or as the raw request body (with optional query parameters filename, "
            + "title, source, publishedAt). The type is detected from the content. 201 when new; 200 with "
            + "duplicate=true when the same bytes were accepted before, and nothing is published again. "
            + "Answered once Kafka has acknowledged the document; 503 when it could not.";

    private static final int MAX_FAILURES_LISTED = 1000;
    private static final int MULTI_STATUS = 207;
    /** This resource's own mapper of WebApplicationException hides the shared one, which it falls back on. */
    private static final ProblemMappers SHARED_MAPPERS = new ProblemMappers();

    private final DocumentIngestion ingestion;
    private final BatchUpload batch;
    private final DocumentRecords records;
    private final ExtractionFailures failures;
    private final BlobStore blobs;
    private final TextExtractor extractor;
    private final long maxUploadBytes;

    public DocumentResource(DocumentIngestion ingestion, BatchUpload batch, DocumentRecords records,
            ExtractionFailures failures, BlobStore blobs, TextExtractor extractor, IngestConfig config) {
        this.ingestion = ingestion;
        this.batch = batch;
        this.records = records;
        this.failures = failures;
        this.blobs = blobs;
        this.extractor = extractor;
        this.maxUploadBytes = config.maxUploadSize().asLongValue();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = UPLOAD_SUMMARY, description = UPLOAD_DESCRIPTION)
    public Response uploadForm(@RestForm("file") FileUpload file, @RestForm String title, @RestForm String source,
            @RestForm String publishedAt) throws IOException {
        if (file == null) {
            throw UploadProblems.missingFile();
        }
        return ingest(StagedUpload.inPlace(file.uploadedFile()),
                UploadDetails.of(file.fileName(), title, source, publishedAt));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = UPLOAD_SUMMARY, description = UPLOAD_DESCRIPTION)
    public Response uploadBody(InputStream content, @RestQuery String filename, @RestQuery String title,
            @RestQuery String source, @RestQuery String publishedAt) throws IOException {
        return ingest(ingestion.stage(content), UploadDetails.of(filename, title, source, publishedAt));
    }

    @POST
    @Path("batch")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload several documents", description = "Any number of multipart/form-data parts named "
            + "'file' (with optional parts source and publishedAt, which apply to every file). A zip archive among "
            + "them is opened and each entry is a document of its own. 207 Multi-Status: each file's and entry's "
            + "outcome (id and duplicate, or its problem), so that one bad file does not lose the others.")
    public Response uploadBatch(@RestForm("file") List<FileUpload> files, @RestForm String source,
            @RestForm String publishedAt) throws IOException {
        if (files == null || files.isEmpty()) {
            throw UploadProblems.missingFile();
        }
        UploadDetails shared = UploadDetails.of(null, null, source, publishedAt);
        List<PartOutcome> outcomes = new ArrayList<>();
        for (FileUpload file : files) {
            batch.ingest(file.uploadedFile(), shared.forFile(file.fileName()), outcomes);
        }
        return Response.status(MULTI_STATUS).entity(BatchResult.of(outcomes)).build();
    }

    @GET
    @Path("failures")
    @Operation(summary = "Uploads whose text could not be extracted, most recent first, with the reason")
    public List<ExtractionFailure> failures(@RestQuery @DefaultValue("100") int limit) throws IOException {
        if (limit < 1 || limit > MAX_FAILURES_LISTED) {
            throw UploadProblems.badParameter("limit", "must be between 1 and " + MAX_FAILURES_LISTED);
        }
        return failures.latest(limit);
    }

    @GET
    @Path("failures/{id}")
    @Operation(summary = "Why the text of an upload could not be extracted")
    public ExtractionFailure failure(@RestPath String id) throws IOException {
        return failures.find(id.toLowerCase(Locale.ROOT)).orElseThrow(
                () -> new ProblemException(Response.Status.NOT_FOUND, "no failed extraction with id '" + id + "'"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A document's metadata and text: the DocumentExtracted event it was announced with")
    public DocumentExtracted document(@RestPath String id) throws IOException {
        return find(id);
    }

    @GET
    @Path("{id}/original")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The document as it was uploaded")
    public Response original(@RestPath String id) throws IOException {
        DocumentExtracted document = find(id);
        InputStream content = blobs.open(document.id()).orElseThrow(() -> notFound(id));
        String filename = document.filename() != null ? document.filename()
                : document.id() + extractor.extensionFor(document.contentType());
        return Response.ok(content, document.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, document.sizeBytes())
                // An uploaded HTML page must not run in this service's origin: download, never render.
                .header("Content-Disposition", attachment(filename))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private Response ingest(StagedUpload staged, UploadDetails details) throws IOException {
        try (StagedUpload upload = staged) {
            Ingested ingested = ingestion.ingest(upload, details);
            DocumentExtracted document = ingested.document();
            if (!ingested.created()) {
                return Response.ok(DocumentSummary.of(document, true)).build();
            }
            return Response.created(URI.create("/documents/" + document.id()))
                    .entity(DocumentSummary.of(document, false))
                    .build();
        }
    }

    @ServerExceptionMapper
    public Response extractionFailed(ExtractionFailed failure, UriInfo uri) {
        return UploadProblem.of(failure, uri.getPath()).toResponse();
    }

    /** Quarkus' form parser refuses a chunked form whose parts grow past the body limit with a bare 413. */
    @ServerExceptionMapper
    public Response formTooLarge(WebApplicationException refusal, UriInfo uri) {
        if (refusal.getResponse().getStatus() != Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()) {
            return SHARED_MAPPERS.http(refusal, uri);
        }
        return UploadProblem.of(UploadProblems.tooLarge(maxUploadBytes), uri.getPath()).toResponse();
    }

    private DocumentExtracted find(String id) throws IOException {
        String normalized = id.toLowerCase(Locale.ROOT);
        Optional<DocumentExtracted> document = records.find(normalized);
        if (document.isPresent()) {
            return document.get();
        }
        Optional<ExtractionFailure> failure = failures.find(normalized);
        throw failure.isEmpty() ? notFound(id)
                : new ProblemException(Response.Status.NOT_FOUND, "no document with id '" + id
                        + "': its extraction failed (" + failure.get().reason() + "); see /documents/failures/" + normalized);
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(Response.Status.NOT_FOUND, "no document with id '" + id + "'");
    }

    /** RFC 6266: a plain ASCII name for old clients, the exact name (RFC 5987) for the others. */
    private static String attachment(String filename) {
        String ascii = filename.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "_");
        String exact = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
    }
}
