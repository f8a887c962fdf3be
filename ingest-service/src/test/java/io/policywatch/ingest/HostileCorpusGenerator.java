package io.policywatch.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the hostile corpus (src/test/resources/hostile/) that {@link HostileInputTest} uploads. The files are
 * committed; this runs only when asked to, to change them:
 * {@code ./mvnw -pl ingest-service test -Dtest=HostileCorpusGenerator -Dregenerate-hostile-corpus=true}. Their
 * expected outcomes are in hostile/expected.csv, kept by hand.
 */
@EnabledIfSystemProperty(named = "regenerate-hostile-corpus", matches = "true")
class HostileCorpusGenerator {

    private static final Path CORPUS = Path.of("src/test/resources/hostile");
    private static final int MEMORY_HUNGRY_PARAGRAPHS = 60_000;
    private static final String TEXT = "The parties reaffirm that outer space shall be used for peaceful purposes only.";

    @Test
    void writeTheCorpus() throws Exception {
        Files.createDirectories(CORPUS);
        byte[] pdf = Fixtures.pdf("Hostile corpus", "Test", TEXT, 2);
        write("encrypted-user-password.pdf", encryptedPdf(pdf, 128));
        write("encrypted-aes256.pdf", encryptedPdf(pdf, 256));
        write("encrypted.docx", encryptedOoxml(Fixtures.docx("Encrypted", TEXT)));
        write("truncated-no-eof.pdf", Arrays.copyOf(pdf, pdf.length * 2 / 3));
        write("truncated-before-xref.pdf", Arrays.copyOf(pdf, lastIndexOf(pdf, "startxref")));
        write("header-only.pdf", ascii("%PDF-1.7\n"));
        write("random-body.pdf", concat(ascii("%PDF-1.4\n"), random(2048, 1), ascii("\n%%EOF\n")));
        byte[] docx = Fixtures.docx("Cut short", TEXT, TEXT, TEXT);
        write("truncated.docx", Arrays.copyOf(docx, docx.length / 2));
        byte[] odt = odt(TEXT);
        write("truncated.odt", Arrays.copyOf(odt, odt.length * 3 / 4));
        byte[] epub = epub(TEXT);
        write("truncated.epub", Arrays.copyOf(epub, epub.length * 3 / 4));
        write("docx-without-body.docx", docxWithoutBody());
        write("zip-bomb.docx", docxBomb());
        write("memory-hungry.docx", memoryHungryDocx());
        write("billion-laughs.xml", billionLaughs());
        write("external-entity.xml", ascii("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<r>&x;</r>\n"));
        write("nested-forwards.eml", ascii(forwarded(5)));
        write("empty.pdf", new byte[0]);
        write("zeros.bin", new byte[4096]);
        write("png-named-pdf.pdf", Fixtures.png());
        write("gzip-bomb.txt.gz", gzipOfZeros(20 * 1024 * 1024));
        write("script-only.html", ascii("<html><head><script>while(true){}</script><style>p{}</style></head>"
                + "<body></body></html>"));
        write("ole2-garbage.doc", concat(new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
                (byte) 0xB1, 0x1A, (byte) 0xE1 }, random(4088, 2)));
        write("truncated.rtf", ascii("{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}\\f0 " + TEXT));
    }

    private static byte[] encryptedPdf(byte[] pdf, int keyLength) throws IOException {
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf);
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                    new AccessPermission());
            policy.setEncryptionKeyLength(keyLength);
            document.protect(policy);
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] encryptedOoxml(byte[] document) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream encrypted = encryptor.getDataStream(fs)) {
                encrypted.write(document);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    private static byte[] odt(String text) throws IOException {
        return zip(true,
                "mimetype", "application/vnd.oasis.opendocument.text",
                "META-INF/manifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
                        + "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                        + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                        + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                        + "</manifest:manifest>",
                "content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                        + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                        + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
                        + "<office:body><office:text>" + ("<text:p>" + text + "</text:p>").repeat(20)
                        + "</office:text></office:body></office:document-content>");
    }

    private static byte[] epub(String text) throws IOException {
        return zip(true,
                "mimetype", "application/epub+zip",
                "META-INF/container.xml", "<?xml version=\"1.0\"?><container version=\"1.0\" "
                        + "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile "
                        + "full-path=\"content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>",
                "content.opf", "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">"
                        + "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Cut</dc:title></metadata>"
                        + "<manifest><item id=\"c\" href=\"chapter.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>"
                        + "<spine><itemref idref=\"c\"/></spine></package>",
                "chapter.xhtml", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
                        + ("<p>" + text + "</p>").repeat(20) + "</body></html>");
    }

    private static byte[] docxWithoutBody() throws IOException {
        return zip(false,
                "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                        + "</Types>",
                "_rels/.rels",
                "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                        + "</Relationships>");
    }

    /** A Word document of 1 000 paragraphs of 5 000 letters: over 5 million characters from a few KB. */
    private static byte[] docxBomb() throws IOException {
        return docx(("<w:p><w:r><w:t>" + "a".repeat(5_000) + "</w:t></w:r></w:p>").repeat(1_000));
    }

    /**
     * A plain Word document of {@value #MEMORY_HUNGRY_PARAGRAPHS} short paragraphs: ~170 KB, whose ~8 MB of XML POI
     * turns into a document tree of several hundred MB. No limit of Tika's stops it (it is no bomb: its text is
     * about as long as its XML); the parser's heap does (HostileInputTest gives its workers 64 MB).
     */
    private static byte[] memoryHungryDocx() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < MEMORY_HUNGRY_PARAGRAPHS; i++) {
            body.append("<w:p><w:r><w:t>Paragraph ").append(i).append(": ").append(TEXT).append("</w:t></w:r></w:p>");
        }
        return docx(body.toString());
    }

    /** A DOCX of the bare minimum parts, with this body. */
    private static byte[] docx(String body) throws IOException {
        return zip(false,
                "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                        + "</Types>",
                "_rels/.rels",
                "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                        + "</Relationships>",
                "word/document.xml",
                "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                        + body + "</w:body></w:document>");
    }

    private static byte[] billionLaughs() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int level = 1; level <= 9; level++) {
            xml.append("<!ENTITY lol").append(level).append(" \"")
                    .append(("&lol" + (level == 1 ? "" : level - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        return ascii(xml.append("]>\n<lolz>&lol9;</lolz>\n").toString());
    }

    /** A message forwarding a message forwarding... as many levels deep as asked. */
    private static String forwarded(int depth) {
        if (depth == 0) {
            return "From: a@example.org\r\nSubject: the original\r\nContent-Type: text/plain\r\n\r\n" + TEXT + "\r\n";
        }
        String boundary = "level-" + depth;
        return "From: a@example.org\r\nSubject: forwarded " + depth + " times\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nSee the forwarded message.\r\n"
                + "--" + boundary + "\r\nContent-Type: message/rfc822\r\n\r\n" + forwarded(depth - 1) + "\r\n"
                + "--" + boundary + "--\r\n";
    }

    private static byte[] gzipOfZeros(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[64 * 1024];
            for (int written = 0; written < size; written += zeros.length) {
                gzip.write(zeros);
            }
        }
        return out.toByteArray();
    }

    /** A zip of (name, content) pairs; with firstStored, the first entry is stored (as ODF and EPUB want it). */
    private static byte[] zip(boolean firstStored, String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(namesAndContents[i]);
                if (firstStored && i == 0) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(content.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static int lastIndexOf(byte[] bytes, String marker) {
        return new String(bytes, StandardCharsets.ISO_8859_1).lastIndexOf(marker);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(String name, byte[] content) throws IOException {
        Files.write(CORPUS.resolve(name), content);
    }
}
