package io.policywatch.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.ingest.UploadProblems;
import io.policywatch.ingest.extraction.TextExtractor;
import io.policywatch.ingest.storage.BlobStore;
import io.policywatch.ingest.storage.DocumentRecords;
import io.policywatch.ingest.upload.DocumentIngestion.Ingested;
import io.policywatch.support.problem.ProblemException;
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

    private final DocumentIngestion ingestion;
    private final DocumentRecords records;
    private final BlobStore blobs;
    private final TextExtractor extractor;

    public DocumentResource(DocumentIngestion ingestion, DocumentRecords records, BlobStore blobs,
            TextExtractor extractor) {
        this.ingestion = ingestion;
        this.records = records;
        this.blobs = blobs;
        this.extractor = extractor;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = UPLOAD_SUMMARY, description = UPLOAD_DESCRIPTION)
    public Response uploadForm(@RestForm("file") FileUpload file, @RestForm String title, @RestForm String source,
            @RestForm String publishedAt) throws IOException {
        if (file == null) {
            throw UploadProblems.missingFile();
        }
        UploadDetails details = UploadDetails.of(file.fileName(), title, source, publishedAt);
        try (InputStream content = Files.newInputStream(file.uploadedFile())) {
            return ingest(content, details);
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = UPLOAD_SUMMARY, description = UPLOAD_DESCRIPTION)
    public Response uploadBody(InputStream content, @RestQuery String filename, @RestQuery String title,
            @RestQuery String source, @RestQuery String publishedAt) throws IOException {
        return ingest(content, UploadDetails.of(filename, title, source, publishedAt));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A document's metadata and text")
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

    private Response ingest(InputStream content, UploadDetails details) throws IOException {
        try (StagedUpload upload = ingestion.stage(content)) {
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

    private DocumentExtracted find(String id) throws IOException {
        return records.find(id.toLowerCase(Locale.ROOT)).orElseThrow(() -> notFound(id));
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
