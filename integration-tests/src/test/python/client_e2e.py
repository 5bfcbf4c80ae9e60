#!/usr/bin/env python3
"""End-to-end check of a running clipserve from Python grpcio, as a user of another language sees it.

Usage: client_e2e.py --target HOST:PORT --stubs DIR --images DIR
Stubs are generated from proto/ by the caller (protoc + grpc_python_plugin) into DIR.
Prints one line per check and 'N passed, N failed' at the end; exits non-zero on any failure.
"""
import argparse
import math
import os
import sys

from checks import Checks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--stubs", required=True)
    parser.add_argument("--images", required=True)
    parser.add_argument("--model", default="cn-clip-tiny")
    args = parser.parse_args()
    sys.path.insert(0, args.stubs)

    import grpc
    from grpc_health_v1 import health_pb2, health_pb2_grpc
    from clipserve.v1 import embedding_service_pb2 as es
    from clipserve.v1 import embedding_service_pb2_grpc as es_grpc
    from clipserve.v1 import model_service_pb2 as ms
    from clipserve.v1 import model_service_pb2_grpc as ms_grpc

    channel = grpc.insecure_channel(args.target)
    grpc.channel_ready_future(channel).result(timeout=10)
    embedding = es_grpc.EmbeddingServiceStub(channel)
    models = ms_grpc.ModelServiceStub(channel)
    health = health_pb2_grpc.HealthStub(channel)
    with open(os.path.join(args.images, "pokemon.jpeg"), "rb") as f:
        pokemon = f.read()
    checks = Checks()

    def unit(values, dim):
        assert len(values) == dim, (len(values), dim)
        norm = math.sqrt(sum(v * v for v in values))
        assert abs(norm - 1.0) < 1e-4, norm

    dim = models.GetModel(ms.GetModelRequest(name=args.model)).config.embedding_dim

    def health_serving():
        assert health.Check(health_pb2.HealthCheckRequest()).status == health_pb2.HealthCheckResponse.SERVING
        per_model = health.Check(health_pb2.HealthCheckRequest(service=args.model))
        assert per_model.status == health_pb2.HealthCheckResponse.SERVING

    def list_models():
        listed = {m.name: m for m in models.ListModels(ms.ListModelsRequest()).models}
        assert args.model in listed, listed.keys()
        states = [v.state for v in listed[args.model].versions]
        assert ms.VersionInfo.READY in states, states

    def embed():
        response = embedding.Embed(es.EmbedRequest(model=args.model, inputs=[
            es.Input(id="img", image=pokemon), es.Input(id="txt", text="皮卡丘")]))
        assert [e.id for e in response.embeddings] == ["img", "txt"]
        for e in response.embeddings:
            unit(e.values, dim)

    def similarity():
        labels = ["杰尼龟", "妙蛙种子", "小火龙", "皮卡丘"]
        response = embedding.Similarity(es.SimilarityRequest(
            model=args.model, queries=[es.Input(image=pokemon)],
            candidates=[es.Input(id=t, text=t) for t in labels]))
        scores = response.rows[0].scores
        assert len(scores) == 4
        assert abs(sum(s.probability for s in scores) - 1.0) < 1e-4
        logits = [s.logit for s in scores]
        assert logits == sorted(logits, reverse=True), logits
        assert sorted(s.id for s in scores) == sorted(labels)

    def classify():
        response = embedding.Classify(es.ClassifyRequest(
            model=args.model, images=[es.Input(image=pokemon)],
            labels=["杰尼龟", "妙蛙种子", "小火龙", "皮卡丘"], top_k=2))
        assert len(response.rows) == 1 and len(response.rows[0].scores) == 2

    def tokenize():
        response = embedding.Tokenize(es.TokenizeRequest(model=args.model, texts=["皮卡丘"]))
        ids = list(response.texts[0].ids)
        assert ids[0] == 101 and ids[4] == 102 and len(ids) == 52, ids[:8]
        assert list(response.texts[0].tokens) == ["[CLS]", "皮", "卡", "丘", "[SEP]"]

    def embed_stream():
        requests = [es.EmbedRequest(model=args.model, request_id=str(i),
                                    inputs=[es.Input(text="第%d张图片" % i)]) for i in range(50)]
        responses = list(embedding.EmbedStream(iter(requests)))
        assert sorted(int(r.request_id) for r in responses) == list(range(50))
        for r in responses:
            assert not r.HasField("error"), r.error
            unit(r.embeddings[0].values, dim)

    def unknown_model():
        try:
            embedding.Embed(es.EmbedRequest(model="no-such-model", inputs=[es.Input(text="x")]))
        except grpc.RpcError as e:
            assert e.code() == grpc.StatusCode.NOT_FOUND, e.code()
            return
        raise AssertionError("no error")

    for name, fn in [("health SERVING", health_serving), ("ListModels READY", list_models),
                     ("Embed image and text", embed), ("Similarity", similarity),
                     ("Classify top_k", classify), ("Tokenize", tokenize),
                     ("EmbedStream 50 messages", embed_stream), ("unknown model", unknown_model)]:
        checks.check(name, fn)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
