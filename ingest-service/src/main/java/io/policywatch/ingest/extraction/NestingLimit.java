package io.policywatch.ingest.extraction;

import java.io.IOException;
import java.io.InputStream;

import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses embedded documents (attachments, a message forwarded in a message, a file in an archive) no deeper than
 * a limit, and remembers whether a document went deeper, so that it can be refused: nesting is how archive bombs
 * multiply. One instance serves one parse, whose embedded documents it sees one at a time, depth first.
 */
final class NestingLimit implements EmbeddedDocumentExtractor {

    private final EmbeddedDocumentExtractor parsing;
    private final int maxDepth;
    private int depth;
    private boolean exceeded;

    NestingLimit(ParseContext context, int maxDepth) {
        this.parsing = new ParsingEmbeddedDocumentExtractor(context);
        this.maxDepth = maxDepth;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        if (depth >= maxDepth) {
            exceeded = true;
            return false;
        }
        return parsing.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        depth++;
        try {
            parsing.parseEmbedded(stream, handler, metadata, outputHtml);
        } finally {
            depth--;
        }
    }
}
