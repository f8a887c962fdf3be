package io.policywatch.ingest.extraction;

import io.policywatch.ingest.IngestConfig;

/**
 * What a parser worker needs of the service's configuration; sent to each worker when it starts.
 *
 * @param maxTextCharacters a longer text is refused
 * @param maxNestingDepth deepest nesting of embedded documents followed
 * @param maxElementDepth deepest nesting of elements, deeper is taken for an attack
 * @param ocr whether scans are OCR'd (enabled, and tesseract is on the PATH)
 * @param ocrLanguages Tesseract's -l option
 * @param ocrTimeoutSeconds how long one tesseract run may take
 */
record ParserSettings(int maxTextCharacters, int maxNestingDepth, int maxElementDepth, boolean ocr,
        String ocrLanguages, int ocrTimeoutSeconds) {

    static ParserSettings of(IngestConfig config, boolean ocr) {
        return new ParserSettings(config.maxTextCharacters(), config.maxNestingDepth(), config.maxElementDepth(), ocr,
                config.ocrLanguages(), (int) Math.max(1, config.parseTimeout().toSeconds()));
    }
}
