"""The official `openai` Python client against clipserve's /v1 API.

Prints one line `RESULT <json>` with the vectors it got, for OpenAiClientTest to compare with
gRPC Embed's; checks the error shapes itself and exits non-zero on a failed check.
"""
import argparse
import base64
import json
import struct
import sys

import openai


def floats(embedding):
    """An embedding as a list of floats, whether the client decoded base64 or not."""
    if isinstance(embedding, str):
        raw = base64.b64decode(embedding)
        return list(struct.unpack("<%df" % (len(raw) // 4), raw))
    return [float(v) for v in embedding]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--dimensions", type=int, required=True)
    parser.add_argument("--texts", nargs=2, required=True)
    args = parser.parse_args()

    client = openai.OpenAI(api_key="unused", base_url=args.base_url, max_retries=0)
    with open(args.image, "rb") as f:
        uri = "data:image/jpeg;base64," + base64.b64encode(f.read()).decode("ascii")

    result = {}
    texts = client.embeddings.create(model=args.model, input=args.texts)
    assert texts.object == "list" and texts.model == args.model, texts
    assert [d.index for d in texts.data] == [0, 1], texts.data
    result["texts"] = [floats(d.embedding) for d in texts.data]
    result["prompt_tokens"] = texts.usage.prompt_tokens
    assert texts.usage.total_tokens == texts.usage.prompt_tokens, texts.usage

    as_float = client.embeddings.create(model=args.model, input=args.texts,
                                        encoding_format="float")
    result["texts_float"] = [floats(d.embedding) for d in as_float.data]

    image = client.embeddings.create(model=args.model, input=uri)
    result["image"] = floats(image.data[0].embedding)
    assert image.usage.prompt_tokens == 0, image.usage

    mixed = client.embeddings.create(model=args.model, input=[args.texts[0], uri],
                                     dimensions=args.dimensions, encoding_format="base64")
    for d in mixed.data:
        assert isinstance(d.embedding, str), "base64 asked, got " + type(d.embedding).__name__
    result["dimensions"] = [floats(d.embedding) for d in mixed.data]

    ids = [m.id for m in client.models.list().data]
    assert args.model in ids, ids

    try:
        client.embeddings.create(model="no-such-model", input="x")
        raise AssertionError("an unknown model was served")
    except openai.NotFoundError as e:
        assert e.status_code == 404 and e.code == "model_not_found", e
    try:
        client.embeddings.create(model=args.model, input=[[101, 102]])
        raise AssertionError("token ids were accepted")
    except openai.BadRequestError as e:
        assert "token-id arrays" in str(e), e
    try:
        client.embeddings.create(model=args.model, input="http://example.com/cat.png")
        raise AssertionError("an image URL was accepted")
    except openai.BadRequestError as e:
        assert "not fetched" in str(e), e

    print("RESULT " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
