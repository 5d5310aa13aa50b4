package io.agentgateway.plugins.localembeddings;

import java.util.List;

/** A sentence-embedding model: texts in, one vector each, and the tokens it read. */
interface SentenceEncoder {

    /** @return the model's name, as listed ({@code local/<name>}) */
    String name();

    /** @return the length of every vector */
    int dimensions();

    /** @param texts at least one; @return one vector per text, in order, and the tokens read */
    Encoded encode(List<String> texts);

    /**
     * @param vectors one per text, in order
     * @param tokens the tokens read for all texts
     */
    record Encoded(List<float[]> vectors, long tokens) {
    }
}
