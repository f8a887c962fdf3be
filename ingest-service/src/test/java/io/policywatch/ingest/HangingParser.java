package io.policywatch.ingest;

import java.io.InputStream;
import java.time.Duration;
import java.util.Set;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Test only, registered through META-INF/services: a parser that hangs like a buggy one stuck in a loop, deaf to
 * interrupts, on text starting with {@value #MAGIC}. That is a media type of its own, declared in
 * src/test/resources/tika/custom-mimetypes.xml, which the pom names to Tika. It gives up after {@link #HANG}, so
 * that the test JVM is not left with busy threads for ever.
 */
public class HangingParser implements Parser {

    public static final String MAGIC = "%POLICYWATCH-HANG%";
    static final Duration HANG = Duration.ofSeconds(30);
    private static final Set<MediaType> TYPES = Set.of(MediaType.text("x-policywatch-hang"));

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return TYPES;
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws SAXException {
        long end = System.nanoTime() + HANG.toNanos();
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                // deaf to interrupts, as a parser spinning in a loop is
            }
        }
        XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
        xhtml.startDocument();
        xhtml.element("p", "woke up");
        xhtml.endDocument();
    }
}
