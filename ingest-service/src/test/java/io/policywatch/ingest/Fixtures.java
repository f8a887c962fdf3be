package io.policywatch.ingest;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Documents to upload. Every test makes its own bytes (a unique marker in the text), since ids are content
 * hashes and the broker and storage outlive a single test.
 */
public final class Fixtures {

    public static final String SCO_DECLARATION = "fixtures/sco-declaration.txt";
    public static final String UN_DRAFT = "fixtures/un-first-committee-draft.txt";

    public static String marker() {
        return "ref-" + UUID.randomUUID();
    }

    /** A seed text with a reference line carrying the marker at its end. */
    public static byte[] seed(String resource, String marker) {
        return (resource(resource) + "\n\nReference: " + marker + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] html(String marker) {
        return resource("fixtures/position-paper.html").replace("{{MARKER}}", marker).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A PDF with a title and author in its metadata, the line on its first page and as many pages without text
     * after it as asked for (as a scan without a text layer would have).
     */
    public static byte[] pdf(String title, String author, String line, int pagesWithoutText) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            for (int blank = 0; blank < pagesWithoutText; blank++) {
                document.addPage(new PDPage());
            }
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(line);
                content.endText();
            }
            document.getDocumentInformation().setTitle(title);
            document.getDocumentInformation().setAuthor(author);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Word document with a title in its properties and the paragraphs given. */
    public static byte[] docx(String title, String... paragraphs) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.getProperties().getCoreProperties().setTitle(title);
            for (String paragraph : paragraphs) {
                document.createParagraph().createRun().setText(paragraph);
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] zip(String marker) {
        return zip(Map.of("inside.txt", marker.getBytes(StandardCharsets.UTF_8)));
    }

    /** A zip archive of the entries given, in their order (pass a LinkedHashMap to choose it). */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The PNG signature and the start of a header chunk: an image to Tika. */
    public static byte[] png() {
        byte[] bytes = new byte[64];
        byte[] start = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
        System.arraycopy(start, 0, bytes, 0, start.length);
        return bytes;
    }

    /** The start of a GIF: an image, but not of a kind scanners make. */
    public static byte[] gif() {
        byte[] bytes = new byte[64];
        byte[] start = "GIF89a".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, bytes, 0, start.length);
        return bytes;
    }

    /** A PNG "scan": the lines drawn in black on white, large enough for OCR. */
    public static byte[] scan(String... lines) {
        BufferedImage image = scanImage(lines);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF whose only page is an image of the lines, as a scanner makes it: no text layer. */
    public static byte[] scannedPdf(String... lines) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDImageXObject image = LosslessFactory.createFromImage(document, scanImage(lines));
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float width = page.getMediaBox().getWidth() - 72;
                content.drawImage(image, 36, 400, width, width * image.getHeight() / image.getWidth());
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage scanImage(String... lines) {
        int lineHeight = 60;
        BufferedImage image = new BufferedImage(1400, lineHeight * (lines.length + 1), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            graphics.setColor(Color.BLACK);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setFont(new Font(Font.SERIF, Font.PLAIN, 40));
            for (int i = 0; i < lines.length; i++) {
                graphics.drawString(lines[i], 40, lineHeight * (i + 1));
            }
        } finally {
            graphics.dispose();
        }
        return image;
    }

    /** Random bytes: no format at all. */
    public static byte[] garbage() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    public static String resource(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Fixtures() {
    }
}
