package io.policywatch.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Distinct documents of a given length (about 20 KB of text by default) in each format, written from the seed texts:
 * every one has its own bytes, so the upload path never takes the duplicate shortcut.
 */
final class BenchmarkDocuments {

    static final int DEFAULT_CHARACTERS = 20_000;
    private static final int PDF_LINES_PER_PAGE = 48;
    private static final int PDF_CHARACTERS_PER_LINE = 95;

    enum Format {
        TXT("txt"),
        HTML("html"),
        PDF("pdf"),
        DOCX("docx");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    /**
     * Writes documents number {@code first} to {@code first + count - 1} of the format under {@code dir}, each of
     * about {@code characters} characters of text; documents of different numbers differ.
     */
    static List<Path> write(Format format, int first, int count, int characters, Path seeds, Path dir)
            throws IOException {
        List<String> paragraphs = seedParagraphs(seeds);
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            List<String> text = documentText(paragraphs, i, characters);
            Path file = dir.resolve(format.extension + "-" + i + "." + format.extension);
            switch (format) {
                case TXT -> Files.writeString(file, String.join("\n\n", text), StandardCharsets.UTF_8);
                case HTML -> Files.writeString(file, html(text, i), StandardCharsets.UTF_8);
                case PDF -> pdf(text, file);
                case DOCX -> docx(text, file);
            }
            files.add(file);
        }
        return files;
    }

    /** Paragraphs up to the length, starting at a different paragraph for each document, with its number. */
    private static List<String> documentText(List<String> paragraphs, int number, int length) {
        List<String> text = new ArrayList<>();
        text.add("Benchmark document " + number);
        int characters = 0;
        for (int p = number; characters < length; p++) {
            String paragraph = paragraphs.get(p % paragraphs.size());
            text.add(paragraph);
            characters += paragraph.length();
        }
        return text;
    }

    private static List<String> seedParagraphs(Path seeds) throws IOException {
        List<String> paragraphs = new ArrayList<>();
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path seed : files.sorted().toList()) {
                for (String paragraph : Files.readString(seed, StandardCharsets.UTF_8).split("\\n\\s*\\n")) {
                    String joined = paragraph.replaceAll("\\s+", " ").trim();
                    if (joined.length() > 40) {
                        paragraphs.add(joined);
                    }
                }
            }
        }
        return paragraphs;
    }

    private static String html(List<String> text, int number) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(text.get(0))).append("</title></head><body>\n<h1>").append(escape(text.get(0)))
                .append("</h1>\n");
        for (String paragraph : text.subList(1, text.size())) {
            html.append("<p>").append(escape(paragraph)).append("</p>\n");
        }
        return html.append("<!-- ").append(number).append(" --></body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void pdf(List<String> text, Path file) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        List<String> lines = new ArrayList<>();
        for (String paragraph : text) {
            lines.addAll(wrap(latin1(paragraph)));
            lines.add("");
        }
        try (PDDocument document = new PDDocument()) {
            for (int start = 0; start < lines.size(); start += PDF_LINES_PER_PAGE) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 9);
                    content.setLeading(14);
                    content.newLineAtOffset(40, 740);
                    for (String line : lines.subList(start, Math.min(lines.size(), start + PDF_LINES_PER_PAGE))) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            document.save(file.toFile());
        }
    }

    /** The standard PDF fonts encode WinAnsi only. */
    private static String latin1(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static List<String> wrap(String paragraph) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            if (line.length() + word.length() + 1 > PDF_CHARACTERS_PER_LINE && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static void docx(List<String> text, Path file) throws IOException {
        try (XWPFDocument document = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            for (String paragraph : text) {
                document.createParagraph().createRun().setText(paragraph);
            }
            document.write(out);
        }
    }

    private BenchmarkDocuments() {
    }
}
