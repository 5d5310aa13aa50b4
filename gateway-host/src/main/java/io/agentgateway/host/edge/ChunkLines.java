package io.agentgateway.host.edge;

import io.helidon.http.BadRequestException;

/**
 * The size line of a chunk in a chunked request body (RFC 9112, 7.1): hex digits, then optional extensions
 * ({@code ;name=value}), which carry nothing the gateway uses and are dropped. Helidon 4.5 parses the whole line as
 * a number, so a valid extension failed as a 500; here the line is checked and reduced to its size first.
 */
final class ChunkLines {

    /** Longer than any size line a client has reason to send; a longer one is refused, not buffered. */
    static final int MAX_LINE = 4096;

    private ChunkLines() {
    }

    /**
     * @param line the chunk's size line, without its CRLF
     * @return the size alone, in hex without leading zeros
     * @throws BadRequestException when the line is not a chunk size, or the size does not fit an int
     */
    static String size(String line) {
        int end = 0;
        while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
            end++;
        }
        if (end == 0) {
            throw bad("the chunk size '" + printable(line) + "' is not a hexadecimal number");
        }
        String rest = line.substring(end).stripLeading();
        if (!rest.isEmpty() && rest.charAt(0) != ';') {
            throw bad("the chunk size '" + printable(line) + "' is not a hexadecimal number");
        }
        String digits = line.substring(0, end).replaceFirst("^0+(?=.)", "");
        if (digits.length() > 8 || Long.parseLong(digits, 16) > Integer.MAX_VALUE) {
            throw bad("the chunk size " + printable(digits) + " is larger than any body the gateway accepts");
        }
        return digits;
    }

    static BadRequestException bad(String why) {
        return new BadRequestException("Malformed chunked request body: " + why + ".");
    }

    /** Up to 40 characters of what the client sent, with anything unprintable shown as '?'. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(40, text.length()); i++) {
            char c = text.charAt(i);
            out.append(c >= 32 && c < 127 ? c : '?');
        }
        return text.length() > 40 ? out + "..." : out.toString();
    }
}
