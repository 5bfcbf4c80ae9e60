package io.clipserve.client;

import io.clipserve.proto.v1.EmbeddingServiceGrpc.EmbeddingServiceStub;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One open {@code EmbedStream} or {@code SimilarityStream}, from {@link ClipServeClient#embedStream}
 * or {@link ClipServeClient#similarityStream}. Flow control works both ways: at most
 * {@link StreamOptions#window()} messages are sent and not yet handed to the listener; a message
 * sent beyond that waits here ({@link #send} blocks, {@link #sendAsync}'s future stays pending)
 * until an answer frees room. Answers are read only as fast as the {@link StreamListener} takes
 * them.
 *
 * <p>Thread-safe: any thread may send, complete or cancel. Call {@link #complete()} after the last
 * message; the listener's {@code onCompleted} follows the last answer. Messages travel with this
 * stream's own {@code request_id}s; the listener sees the caller's request and id again.
 */
public final class ClientStream<Q, A> {

    private record Waiting<Q>(Q request, CompletableFuture<Void> sent) {
    }

    private final StreamKind<Q, A> kind;
    private final AnswerWindow<Q, A> window;
    private final ArrayDeque<Waiting<Q>> waiting = new ArrayDeque<>();
    private ClientCallStreamObserver<Q> requests; // set before the call starts, then fixed
    private boolean completing;
    private boolean halfClosed;
    private Throwable failure;

    private ClientStream(StreamKind<Q, A> kind, StreamOptions options) {
        this.kind = kind;
        this.window = new AnswerWindow<>(options.window(), options.isOrdered());
    }

    /** Opens a stream of {@code kind} on {@code stub}, answering to {@code listener}. */
    static <Q, A> ClientStream<Q, A> open(EmbeddingServiceStub stub, StreamKind<Q, A> kind,
                                          StreamOptions options, StreamListener<Q, A> listener) {
        ClientStream<Q, A> stream = new ClientStream<>(kind, options);
        kind.open().apply(stub, new StreamResponses<>(stream, kind, listener, options.window()));
        return stream;
    }

    /**
     * Sends {@code request} once the window has room; the future completes when it has been
     * handed to gRPC, or fails when the stream has failed.
     *
     * @throws IllegalStateException after {@link #complete()}
     */
    public CompletableFuture<Void> sendAsync(Q request) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            if (completing) {
                throw new IllegalStateException("the stream is complete: no more messages");
            }
            if (failure != null) {
                sent.completeExceptionally(failure);
                return sent;
            }
            waiting.add(new Waiting<>(request, sent));
            done = pump();
        }
        done.forEach(future -> future.complete(null));
        return sent;
    }

    /** Sends {@code request}, waiting while the window is full. Never call it from the listener. */
    public void send(Q request) throws InterruptedException {
        try {
            sendAsync(request).get();
        } catch (ExecutionException e) {
            throw Status.fromThrowable(e.getCause()).asRuntimeException();
        }
    }

    /** No more messages: the stream half-closes once those waiting for room are sent. */
    public void complete() {
        synchronized (this) {
            completing = true;
            pump();
        }
    }

    /** Ends the stream now; the listener gets {@code onError} with CANCELLED. */
    public void cancel(String reason) {
        requests.cancel(reason, null);
    }

    synchronized void started(ClientCallStreamObserver<Q> requests) {
        this.requests = requests;
    }

    /** The answer to one message arrived; returns those now due to the listener. */
    List<AnswerWindow.Answer<Q, A>> arrived(A response) {
        List<AnswerWindow.Answer<Q, A>> due;
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            long sequence;
            try {
                sequence = Long.parseLong(kind.responseId().apply(response));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("the server answered an unknown request_id", e);
            }
            due = window.arrived(sequence, response);
            done = pump();
        }
        done.forEach(future -> future.complete(null));
        return due;
    }

    /** The stream ended with {@code error}: messages waiting for room fail with it. */
    void failed(Throwable error) {
        List<Waiting<Q>> lost;
        synchronized (this) {
            failure = error;
            lost = new ArrayList<>(waiting);
            waiting.clear();
        }
        lost.forEach(w -> w.sent().completeExceptionally(error));
    }

    /** Sends what fits in the window; returns the futures to complete outside the lock. */
    private List<CompletableFuture<Void>> pump() {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        while (failure == null && !waiting.isEmpty() && window.hasRoom()) {
            Waiting<Q> next = waiting.poll();
            long sequence = window.open(next.request());
            requests.onNext(kind.tagRequest().apply(next.request(), Long.toString(sequence)));
            sent.add(next.sent());
        }
        if (completing && waiting.isEmpty() && !halfClosed && failure == null) {
            halfClosed = true;
            requests.onCompleted();
        }
        return sent;
    }
}
