package io.clipserve.client.testing;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.Embedding;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizeResponse;
import io.clipserve.proto.v1.TokenizedText;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An EmbeddingService whose answers are computed from the request:
 * <ul>
 *   <li>input {@code i} embeds to {@code [kind (1 text, 2 image), i, length, first char or byte,
 *       version]}, L2-normalised unless raw; texts longer than {@link #CONTEXT} are "truncated";
 *   <li>version 0 answers as {@link #DEFAULT_VERSION};
 *   <li>model {@link #MISSING} fails NOT_FOUND, an empty input list INVALID_ARGUMENT, and model
 *       {@link #SLOW} answers only once the call is cancelled or its deadline passes.
 * </ul>
 * Similarity and classify scores come from {@link Rankings}. Thread-safe.
 */
public final class EchoEmbeddingService extends EmbeddingServiceGrpc.EmbeddingServiceImplBase {

  public static final String MISSING = "missing";
  public static final String SLOW = "slow";
  public static final long DEFAULT_VERSION = 7;
  public static final int CONTEXT = 8;

  private final AtomicReference<Deadline> lastDeadline = new AtomicReference<>();
  private final CountDownLatch slowCallStarted = new CountDownLatch(1);
  private final CountDownLatch slowCallCancelled = new CountDownLatch(1);

  /** The deadline of the latest call, null if it had none. */
  public Deadline lastDeadline() {
    return lastDeadline.get();
  }

  /** Whether a call to the slow model has reached this service. */
  public boolean awaitSlowCallStarted(long millis) throws InterruptedException {
    return slowCallStarted.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Whether a call to the slow model was seen cancelled (by the client or its deadline). */
  public boolean awaitSlowCallCancelled(long millis) throws InterruptedException {
    return slowCallCancelled.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void embed(EmbedRequest request, StreamObserver<EmbedResponse> response) {
    if (refused(request.getModel(), request.getInputsCount(), response)) {
      return;
    }
    EmbedResponse.Builder answer = EmbedResponse.newBuilder()
        .setModel(request.getModel())
        .setModelVersion(version(request.getModelVersion()));
    for (int i = 0; i < request.getInputsCount(); i++) {
      Input input = request.getInputs(i);
      float[] values = Rankings.vector(input, i, version(request.getModelVersion()));
      Embedding.Builder embedding = Embedding.newBuilder().setId(input.getId())
          .setTruncated(input.hasText() && input.getText().length() > CONTEXT);
      for (float v : request.getRaw() ? values : Rankings.normalised(values)) {
        embedding.addValues(v);
      }
      answer.addEmbeddings(embedding);
    }
    respond(response, answer.build());
  }

  @Override
  public void similarity(SimilarityRequest request, StreamObserver<SimilarityResponse> response) {
    if (refused(request.getModel(), request.getQueriesCount(), response)) {
      return;
    }
    respond(response, SimilarityResponse.newBuilder()
        .setModel(request.getModel())
        .setModelVersion(version(request.getModelVersion()))
        .addAllRows(Rankings.rows(request.getQueriesList(), request.getCandidatesList(),
            request.getTopK()))
        .build());
  }

  /** Candidates are the labels put through the first template, the result's Score.id. */
  @Override
  public void classify(ClassifyRequest request, StreamObserver<ClassifyResponse> response) {
    if (refused(request.getModel(), request.getImagesCount(), response)) {
      return;
    }
    List<Input> candidates = new ArrayList<>();
    for (String label : request.getLabelsList()) {
      String prompt = request.getTemplatesCount() == 0 ? label
          : request.getTemplates(0).replace("{}", label);
      candidates.add(Input.newBuilder().setId(prompt).setText(label).build());
    }
    respond(response, ClassifyResponse.newBuilder()
        .setModel(request.getModel())
        .setModelVersion(version(request.getModelVersion()))
        .addAllRows(Rankings.rows(request.getImagesList(), candidates, request.getTopK()))
        .build());
  }

  /** One token per char, ids its code, padded with 0 to {@link #CONTEXT}. */
  @Override
  public void tokenize(TokenizeRequest request, StreamObserver<TokenizeResponse> response) {
    if (refused(request.getModel(), request.getTextsCount(), response)) {
      return;
    }
    TokenizeResponse.Builder answer = TokenizeResponse.newBuilder();
    for (String text : request.getTextsList()) {
      TokenizedText.Builder tokens = TokenizedText.newBuilder()
          .setTruncated(text.length() > CONTEXT);
      for (int i = 0; i < CONTEXT; i++) {
        tokens.addIds(i < text.length() ? text.charAt(i) : 0);
        if (i < text.length()) {
          tokens.addTokens(String.valueOf(text.charAt(i)));
        }
      }
      answer.addTexts(tokens);
    }
    respond(response, answer.build());
  }

  private boolean refused(String model, int inputs, StreamObserver<?> response) {
    lastDeadline.set(Context.current().getDeadline());
    if (MISSING.equals(model)) {
      response.onError(Status.NOT_FOUND.withDescription("model '" + model + "' not found")
          .asRuntimeException());
      return true;
    }
    if (inputs == 0) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("empty input list")
          .asRuntimeException());
      return true;
    }
    if (SLOW.equals(model)) {
      // Hold the call (on its own executor thread) until the client gives up on it.
      Context.current().addListener(context -> slowCallCancelled.countDown(), Runnable::run);
      slowCallStarted.countDown();
      return true;
    }
    return false;
  }

  private static long version(long requested) {
    return requested == 0 ? DEFAULT_VERSION : requested;
  }

  private static <T> void respond(StreamObserver<T> response, T answer) {
    response.onNext(answer);
    response.onCompleted();
  }
}
