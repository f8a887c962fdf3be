package io.policywatch.ingest.extraction;

import java.util.List;

import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * The kinds of content this service takes: text documents, and images a scanner makes (OCR'd when Tesseract is
 * there). Other images, archives, audio, video and unknown binaries are refused rather than published with no or
 * garbled text.
 */
final class AcceptedTypes {

    private static final List<MediaType> DOCUMENTS = List.of(
            MediaType.application("xml"), // also XHTML, and XML dialects such as Akoma Ntoso
            MediaType.application("pdf"),
            MediaType.application("rtf"),
            MediaType.application("msword"),
            MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document"),
            MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.template"),
            MediaType.application("vnd.ms-word.document.macroenabled.12"),
            MediaType.application("vnd.oasis.opendocument.text"),
            MediaType.application("epub+zip"),
            // An encrypted Office document: accepted here so that parsing refuses it for being encrypted.
            MediaType.application("x-tika-ooxml-protected"),
            // Tika takes a text that starts with mail-like headers ("From:", "Subject:") for a message.
            MediaType.parse("message/rfc822"));

    private static final List<MediaType> SCANS = List.of(MediaType.image("png"), MediaType.image("jpeg"),
            MediaType.image("tiff"));

    static boolean accepts(MediaType detected, MediaTypeRegistry registry) {
        MediaType type = registry.normalize(detected.getBaseType());
        if ("image".equals(type.getType())) {
            return isScan(type, registry); // SVG is XML, but an image all the same
        }
        return "text".equals(type.getType()) || DOCUMENTS.stream().anyMatch(document -> registry.isInstanceOf(type, document));
    }

    /** An image as scanners make them: its text, if any, can only come from OCR. */
    static boolean isScan(MediaType detected, MediaTypeRegistry registry) {
        return SCANS.contains(registry.normalize(detected.getBaseType()));
    }

    private AcceptedTypes() {
    }
}
