package org.example.virtsimilarity.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.io.ZeroFill;

/**
 * One client connection to an NBD server on a Unix socket: fixed-newstyle handshake, structured replies, the
 * {@code base:allocation} meta context, and blocking READ and BLOCK_STATUS requests, one at a time. Every length the
 * server sends is checked against what was asked before anything is allocated or copied.
 */
final class NbdConnection implements AutoCloseable {
    private static final long NBDMAGIC = 0x4e42444d41474943L;
    private static final long IHAVEOPT = 0x49484156454F5054L;
    private static final long OPTION_REPLY_MAGIC = 0x3e889045565a9L;
    private static final int REQUEST_MAGIC = 0x25609513;
    private static final int SIMPLE_REPLY_MAGIC = 0x67446698;
    private static final int STRUCTURED_REPLY_MAGIC = 0x668e33ef;
    private static final int FLAG_FIXED_NEWSTYLE = 1;
    private static final int FLAG_NO_ZEROES = 2;
    private static final int OPT_GO = 7;
    private static final int OPT_STRUCTURED_REPLY = 8;
    private static final int OPT_SET_META_CONTEXT = 10;
    private static final int REP_ACK = 1;
    private static final int REP_INFO = 3;
    private static final int REP_META_CONTEXT = 4;
    private static final int INFO_EXPORT = 0;
    private static final int CMD_READ = 0;
    private static final int CMD_DISC = 2;
    private static final int CMD_BLOCK_STATUS = 7;
    private static final int REPLY_FLAG_DONE = 1;
    private static final int REPLY_NONE = 0;
    private static final int REPLY_OFFSET_DATA = 1;
    private static final int REPLY_OFFSET_HOLE = 2;
    private static final int REPLY_BLOCK_STATUS = 5;
    private static final int REPLY_ERROR_BIT = 1 << 15;
    private static final int MAX_OPTION_REPLY = 64 * 1024;
    static final int STATE_HOLE = 1;
    static final int STATE_ZERO = 2;

    private final SocketChannel channel;
    private final long size;
    private final int allocationContext;
    private long handle;

    private NbdConnection(SocketChannel channel, long size, int allocationContext) {
        this.channel = channel;
        this.size = size;
        this.allocationContext = allocationContext;
    }

    static NbdConnection open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        try {
            ByteBuffer greeting = readExactly(channel, 18);
            if (greeting.getLong() != NBDMAGIC || greeting.getLong() != IHAVEOPT) {
                throw new NbdException("not a newstyle NBD server");
            }
            int serverFlags = Short.toUnsignedInt(greeting.getShort());
            if ((serverFlags & FLAG_FIXED_NEWSTYLE) == 0) {
                throw new NbdException("server does not speak fixed newstyle");
            }
            writeFully(channel, buffer(4).putInt(FLAG_FIXED_NEWSTYLE | (serverFlags & FLAG_NO_ZEROES)));

            sendOption(channel, OPT_STRUCTURED_REPLY, new byte[0]);
            expectAck(channel, OPT_STRUCTURED_REPLY);

            byte[] context = "base:allocation".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer meta = buffer(4 + 4 + 4 + context.length).putInt(0).putInt(1).putInt(context.length)
                    .put(context);
            sendOption(channel, OPT_SET_META_CONTEXT, meta.array());
            int allocationContext = -1;
            for (OptionReply reply = readOptionReply(channel, OPT_SET_META_CONTEXT); reply.type != REP_ACK;
                    reply = readOptionReply(channel, OPT_SET_META_CONTEXT)) {
                if (reply.type == REP_META_CONTEXT && reply.data.remaining() >= 4) {
                    allocationContext = reply.data.getInt();
                }
            }

            sendOption(channel, OPT_GO, buffer(4 + 2).putInt(0).putShort((short) 0).array());
            long size = -1;
            for (OptionReply reply = readOptionReply(channel, OPT_GO); reply.type != REP_ACK;
                    reply = readOptionReply(channel, OPT_GO)) {
                if (reply.type == REP_INFO && reply.data.remaining() >= 12
                        && Short.toUnsignedInt(reply.data.getShort()) == INFO_EXPORT) {
                    size = reply.data.getLong();
                }
            }
            if (size < 0) {
                throw new NbdException("server did not say the export's size");
            }
            return new NbdConnection(channel, size, allocationContext);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    long size() {
        return size;
    }

    boolean hasAllocationStatus() {
        return allocationContext >= 0;
    }

    /** Reads {@code dst.remaining()} bytes at {@code offset}; holes the server reports are filled with zeros. */
    void read(ByteBuffer dst, long offset) throws IOException {
        int length = dst.remaining();
        long id = send(CMD_READ, offset, length);
        int start = dst.position();
        boolean done = false;
        while (!done) {
            Chunk chunk = nextChunk(id, offset);
            if (chunk.simple) {
                readInto(dst, start, 0, length);
                return;
            }
            done = chunk.done;
            int type = chunk.type;
            long payload = chunk.payload;
            if (type == REPLY_OFFSET_DATA) {
                long at = readExactly(channel, 8).getLong();
                long count = payload - 8;
                checkRange(at, count, offset, length);
                readInto(dst, start, (int) (at - offset), (int) count);
            } else if (type == REPLY_OFFSET_HOLE) {
                ByteBuffer hole = readExactly(channel, 12);
                long at = hole.getLong();
                long count = Integer.toUnsignedLong(hole.getInt());
                checkRange(at, count, offset, length);
                ZeroFill.fill(dst, start + (int) (at - offset), (int) count);
            } else {
                handleOther(type, payload, offset);
            }
        }
        dst.position(start + length);
    }

    /**
     * The allocation status from {@code offset}: extents of (length, flags), flags a mix of {@link #STATE_HOLE} and
     * {@link #STATE_ZERO}. Covers at least one byte; callers ask again from where it ends.
     */
    List<long[]> blockStatus(long offset, int length) throws IOException {
        long id = send(CMD_BLOCK_STATUS, offset, length);
        List<long[]> extents = new ArrayList<>();
        boolean done = false;
        while (!done) {
            Chunk chunk = nextChunk(id, offset);
            if (chunk.simple) {
                throw new NbdException("server answered block status without a structured reply");
            }
            done = chunk.done;
            int type = chunk.type;
            long payload = chunk.payload;
            if (type == REPLY_BLOCK_STATUS) {
                if (payload < 4 || (payload - 4) % 8 != 0 || payload > 4 + 8L * 1024 * 1024) {
                    throw new NbdException("block status reply of " + payload + " bytes");
                }
                ByteBuffer body = readExactly(channel, (int) payload);
                int context = body.getInt();
                while (body.hasRemaining()) {
                    long extent = Integer.toUnsignedLong(body.getInt());
                    int state = body.getInt();
                    if (context == allocationContext) {
                        extents.add(new long[] {extent, state});
                    }
                }
            } else {
                handleOther(type, payload, offset);
            }
        }
        if (extents.isEmpty() || extents.get(0)[0] == 0) {
            throw new NbdException("empty block status at offset " + offset);
        }
        return extents;
    }

    /** A reply's header: a simple reply (already checked for errors), or a structured chunk's type and length. */
    private record Chunk(boolean simple, boolean done, int type, long payload) {
    }

    private Chunk nextChunk(long id, long offset) throws IOException {
        int magic = readExactly(channel, 4).getInt();
        if (magic == SIMPLE_REPLY_MAGIC) {
            ByteBuffer rest = readExactly(channel, 12);
            checkError(rest.getInt(), offset);
            checkHandle(rest.getLong(), id);
            return new Chunk(true, true, REPLY_NONE, 0);
        }
        if (magic != STRUCTURED_REPLY_MAGIC) {
            throw new NbdException("bad reply magic 0x" + Integer.toHexString(magic));
        }
        ByteBuffer header = readExactly(channel, 16);
        int flags = Short.toUnsignedInt(header.getShort());
        int type = Short.toUnsignedInt(header.getShort());
        checkHandle(header.getLong(), id);
        long payload = Integer.toUnsignedLong(header.getInt());
        return new Chunk(false, (flags & REPLY_FLAG_DONE) != 0, type, payload);
    }

    private void handleOther(int type, long payload, long offset) throws IOException {
        if ((type & REPLY_ERROR_BIT) != 0) {
            if (payload < 6 || payload > MAX_OPTION_REPLY) {
                throw new NbdException("error reply of " + payload + " bytes");
            }
            ByteBuffer error = readExactly(channel, (int) payload);
            int code = error.getInt();
            int messageLength = Short.toUnsignedInt(error.getShort());
            String message = messageLength > 0 && messageLength <= error.remaining()
                    ? new String(error.array(), error.position(), messageLength, StandardCharsets.UTF_8) : "";
            throw new NbdException("server error " + code + " at offset " + offset
                    + (message.isEmpty() ? "" : ": " + message));
        }
        if (type != REPLY_NONE || payload != 0) {
            if (payload > MAX_OPTION_REPLY) {
                throw new NbdException("unexpected reply type " + type + " of " + payload + " bytes");
            }
            readExactly(channel, (int) payload);
        }
    }

    private long send(int command, long offset, int length) throws IOException {
        long id = ++handle;
        ByteBuffer request = buffer(28).putInt(REQUEST_MAGIC).putShort((short) 0).putShort((short) command)
                .putLong(id).putLong(offset).putInt(length);
        writeFully(channel, request);
        return id;
    }

    private void readInto(ByteBuffer dst, int start, int at, int count) throws IOException {
        ByteBuffer target = dst.duplicate();
        target.limit(start + at + count).position(start + at);
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                throw new EOFException("NBD server closed the connection");
            }
        }
    }

    private static void checkRange(long at, long count, long offset, int length) throws NbdException {
        if (count < 0 || at < offset || at + count > offset + length) {
            throw new NbdException("reply chunk [" + at + ", +" + count + ") lies outside the request [" + offset
                    + ", +" + length + ")");
        }
    }

    private static void checkHandle(long got, long expected) throws NbdException {
        if (got != expected) {
            throw new NbdException("reply for request " + got + ", expected " + expected);
        }
    }

    private static void checkError(int error, long offset) throws NbdException {
        if (error != 0) {
            throw new NbdException("server error " + error + " at offset " + offset);
        }
    }

    private record OptionReply(int type, ByteBuffer data) {
    }

    private static void sendOption(SocketChannel channel, int option, byte[] data) throws IOException {
        writeFully(channel, buffer(16 + data.length).putLong(IHAVEOPT).putInt(option).putInt(data.length).put(data));
    }

    private static OptionReply readOptionReply(SocketChannel channel, int option) throws IOException {
        ByteBuffer header = readExactly(channel, 20);
        if (header.getLong() != OPTION_REPLY_MAGIC || header.getInt() != option) {
            throw new NbdException("bad option reply");
        }
        int type = header.getInt();
        long length = Integer.toUnsignedLong(header.getInt());
        if (length > MAX_OPTION_REPLY) {
            throw new NbdException("option reply of " + length + " bytes");
        }
        ByteBuffer data = readExactly(channel, (int) length);
        if (type < 0) {
            throw new NbdException("server refused option " + option + " (reply 0x" + Integer.toHexString(type) + ")");
        }
        return new OptionReply(type, data);
    }

    private static void expectAck(SocketChannel channel, int option) throws IOException {
        OptionReply reply = readOptionReply(channel, option);
        if (reply.type != REP_ACK) {
            throw new NbdException("option " + option + " not acknowledged");
        }
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
    }

    private static ByteBuffer readExactly(SocketChannel channel, int length) throws IOException {
        ByteBuffer buffer = buffer(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("NBD server closed the connection");
            }
        }
        return buffer.flip();
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen()) {
                writeFully(channel, buffer(28).putInt(REQUEST_MAGIC).putShort((short) 0).putShort((short) CMD_DISC)
                        .putLong(++handle).putLong(0).putInt(0));
            }
        } catch (IOException e) {
            // the server may be gone already; closing is all that is left
        } finally {
            channel.close();
        }
    }
}
