package io.agentgateway.httpclient;

import io.agentgateway.api.http.HttpLimitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A response body that counts what it hands out and fails once past its limit. Nothing is allocated for a declared
 * length: a {@code Content-Length} over the limit fails before the first read, any other body as soon as it grows past
 * the limit. Past the limit the response is aborted, which closes its connection.
 */
final class LimitedBody extends InputStream {

    /**
     * The largest declared length read into an array of that length at once: a usual answer, a few KB. A longer one
     * is read as its bytes arrive, so that an upstream declaring a large body and sending little of it (or many such
     * calls at once) never has the gateway hold memory for bytes that did not come.
     */
    static final int WHOLE_UP_TO = 64 * 1024;

    private final InputStream in;
    private final HostHttpResponse response;
    private final long limit;
    private final String limitName;
    private final long declaredLength;
    private long count;
    private boolean ended;

    LimitedBody(InputStream in, HostHttpResponse response, long declaredLength, long limit, String limitName) {
        this.in = in;
        this.response = response;
        this.declaredLength = declaredLength;
        this.limit = limit;
        this.limitName = limitName;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** @return whether a read found the end of the body */
    boolean ended() {
        return ended;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        if (declaredLength > limit) {
            throw overLimit("declares " + declaredLength + " bytes");
        }
        response.checkDeadline();
        int n;
        try {
            n = in.read(target, offset, length);
        } catch (IOException | RuntimeException e) {
            throw response.failed(e);
        }
        if (n < 0) {
            ended = true;
            return -1;
        }
        count += n;
        if (count > limit) {
            throw overLimit("went past " + limit + " bytes");
        }
        return n;
    }

    /**
     * A body of declared length up to {@link #WHOLE_UP_TO} (and within the limit) is read into an array of that
     * length: {@link InputStream}'s own reads into a 16 KB buffer and copies the result, which per proxied call was
     * more garbage than the answer itself.
     */
    @Override
    public byte[] readAllBytes() throws IOException {
        if (declaredLength <= 0 || declaredLength > Math.min(limit, WHOLE_UP_TO) || count > 0 || ended) {
            return super.readAllBytes();
        }
        byte[] all = new byte[(int) declaredLength];
        int n = readNBytes(all, 0, all.length);
        if (n < all.length) {
            return Arrays.copyOf(all, n);
        }
        int next = read();
        if (next < 0) {
            return all;
        }
        // More than declared (the stream underneath decides where the body ends): the rest as InputStream reads it.
        ByteArrayOutputStream longer = new ByteArrayOutputStream(all.length + 1);
        longer.write(all);
        longer.write(next);
        longer.write(super.readAllBytes());
        return longer.toByteArray();
    }

    @Override
    public void close() {
        response.close();
    }

    private HttpLimitException overLimit(String what) {
        response.abort();
        return new HttpLimitException(limitName, "the answer " + what + ", more than " + limitName + " ("
                + limit + ") allows");
    }
}
