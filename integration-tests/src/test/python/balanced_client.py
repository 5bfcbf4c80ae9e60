#!/usr/bin/env python3
"""grpcio with the service config of docs/scale-out.md over several clipserve replicas.

Usage: balanced_client.py --target ipv4:H1:P1,H2:P2 --stubs DIR --doc docs/scale-out.md --calls N
Reads the JSON block after '<!-- service-config -->' from the doc, opens one channel with it and
retries on, sends N Embed calls and prints 'N answered' (the caller checks, per replica, that the
calls were spread). Exits non-zero when a call fails.
"""
import argparse
import re
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--stubs", required=True)
    parser.add_argument("--doc", required=True)
    parser.add_argument("--model", default="cn-clip-tiny")
    parser.add_argument("--calls", type=int, default=40)
    args = parser.parse_args()
    sys.path.insert(0, args.stubs)

    import grpc
    from clipserve.v1 import embedding_service_pb2 as es
    from clipserve.v1 import embedding_service_pb2_grpc as es_grpc

    with open(args.doc, encoding="utf-8") as f:
        config = re.search(r"<!-- service-config -->\s*```json\n(.*?)```", f.read(), re.S).group(1)
    channel = grpc.insecure_channel(args.target, options=[
        ("grpc.service_config", config), ("grpc.enable_retries", 1)])
    embedding = es_grpc.EmbeddingServiceStub(channel)
    request = es.EmbedRequest(model=args.model, inputs=[es.Input(text="皮卡丘")])
    answered = 0
    for _ in range(args.calls):
        if embedding.Embed(request, timeout=30).embeddings:
            answered += 1
    print(answered, "answered")
    return 0 if answered == args.calls else 1


if __name__ == "__main__":
    sys.exit(main())
