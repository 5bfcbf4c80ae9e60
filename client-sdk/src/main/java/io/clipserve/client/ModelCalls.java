package io.clipserve.client;

/**
 * The model-management calls a client shares between its blocking and async forms, with the
 * shortcuts for "every version" and "every model". {@link ClipServeClient} answers with values,
 * {@link AsyncClipServeClient} with futures of the same values; unloading, which answers nothing,
 * is on each client itself. Implementations are thread-safe.
 *
 * @param <M> the answer about one model ({@code ModelInfo}, or a future of one)
 * @param <L> the answer listing models ({@code List<ModelInfo>}, or a future of one)
 * @param <S> the statistics answer ({@code List<ModelStatistics>}, or a future of one)
 */
public interface ModelCalls<M, L, S> {

  /** Every model the server knows, with each version's state. */
  L listModels();

  /** One model: its config, versions, states and failure reasons. */
  M getModel(String name);

  /**
   * Has the server (re)read the model's directory now, also lifting an earlier unload of
   * {@code version} (0: of every version); answers the model as it is afterwards.
   */
  M loadModel(String name, long version);

  /** Statistics of one model ({@code ""}: all) at one version (0: all its versions). */
  S statistics(String model, long version);

  /** Has the server (re)read the model's directory now; answers the model as it is afterwards. */
  default M loadModel(String name) {
    return loadModel(name, 0);
  }

  /** Counts, queue and compute times and batch sizes of every model version. */
  default S statistics() {
    return statistics("", 0);
  }
}
