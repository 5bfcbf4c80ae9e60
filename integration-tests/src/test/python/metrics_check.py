#!/usr/bin/env python3
"""Checks a clipserve /metrics page with the Prometheus client library's own parsers.

Usage: metrics_check.py --text FILE --openmetrics FILE --model NAME --made-up NAME --raw-path PATH
FILE holds a scrape in Prometheus text 0.0.4 (--text) and one in OpenMetrics (--openmetrics),
taken after the caller's gRPC and HTTP calls: an Embed of a text and an image on NAME, an Embed on
the unknown model --made-up, and a GET of the unrouted --raw-path. Prints one line per check and
'N passed, N failed' at the end; exits non-zero on any failure.
"""
import argparse
import math
import sys

from checks import Checks
from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_text


def main():
    parser = argparse.ArgumentParser()
    for flag in ("--text", "--openmetrics", "--model", "--made-up", "--raw-path"):
        parser.add_argument(flag, required=True)
    args = parser.parse_args()
    with open(args.text, encoding="utf-8") as f:
        families = {family.name: family for family in parse_text(f.read())}
    with open(args.openmetrics, encoding="utf-8") as f:
        openmetrics = {family.name: family for family in parse_openmetrics(f.read())}
    checks = Checks()
    check = checks.check

    def samples(family, suffix="", **labels):
        assert family in families, (family, sorted(families))
        return [s for s in families[family].samples if s.name == family + suffix
                and all(s.labels.get(k) == v for k, v in labels.items())]

    def value(family, suffix="", **labels):
        found = samples(family, suffix, **labels)
        assert len(found) == 1, (family, suffix, labels, found)
        return found[0].value

    def histogram(family, minimum_count, **labels):
        """Cumulative buckets ending in +Inf == _count >= minimum_count; a sane _sum."""
        assert families[family].type == "histogram", families[family].type
        buckets = samples(family, "_bucket", **labels)
        assert buckets, (family, labels)
        bounds = [float(s.labels["le"]) for s in buckets]
        counts = [s.value for s in buckets]
        assert bounds == sorted(bounds) and bounds[-1] == math.inf, bounds
        assert counts == sorted(counts), counts
        count = value(family, "_count", **labels)
        assert counts[-1] == count >= minimum_count, (counts[-1], count, minimum_count)
        total = value(family, "_sum", **labels)
        assert 0 <= total < math.inf, total
        return count, total

    model = args.model
    encoder = dict(model=model, version="1")

    def encoder_histograms():
        for kind in ("image", "text"):
            labels = dict(encoder, encoder=kind)
            queued, _ = histogram("clipserve_encoder_queue_duration_seconds", 1, **labels)
            executions, _ = histogram("clipserve_encoder_compute_duration_seconds", 1, **labels)
            batches, items = histogram("clipserve_encoder_batch_size", 1, **labels)
            # each execution observes its time, then its size (its items were taken from the
            # queue before): true also while other calls run
            assert batches <= executions and items <= queued, (
                kind, batches, executions, items, queued)
            assert value("clipserve_encoder_queue_length", **labels) >= 0

    def encoder_counters():
        for kind in ("image", "text"):
            labels = dict(encoder, encoder=kind)
            assert value("clipserve_requests", "_total", **labels) >= 1
            assert value("clipserve_items", "_total", **labels) >= 1
            assert value("clipserve_compute_seconds", "_total", **labels) > 0

    def grpc_requests():
        embed = dict(service="clipserve.v1.EmbeddingService", method="Embed")
        assert value("clipserve_grpc_requests", "_total", model=model, version="1",
                     code="OK", **embed) >= 1
        assert value("clipserve_grpc_requests", "_total", model="unknown", version="",
                     code="NOT_FOUND", **embed) >= 1
        histogram("clipserve_grpc_request_duration_seconds", 1, model=model, version="1", **embed)

    def made_up_names_create_no_series():
        for family in families.values():
            for s in family.samples:
                assert args.made_up not in s.labels.values(), s
                assert not any(args.raw_path in v for v in s.labels.values()), s

    def http_requests():
        assert value("clipserve_http_requests", "_total", method="GET", route="/health/live",
                     status="200") >= 1
        assert value("clipserve_http_requests", "_total", method="GET", route="unmatched",
                     status="404") >= 1
        histogram("clipserve_http_request_duration_seconds", 1, method="GET",
                  route="/health/live")

    def model_state():
        assert value("clipserve_model_state", model=model, version="1", state="READY") == 1
        assert value("clipserve_model_state", model=model, version="1", state="FAILED") == 0

    def jvm_and_process():
        assert sum(s.value for s in samples("jvm_memory_used_bytes")) > 0
        assert value("process_cpu_seconds", "_total") > 0
        assert value("jvm_threads_current") > 0

    def openmetrics_parses():
        assert openmetrics["clipserve_encoder_queue_duration_seconds"].type == "histogram"
        assert openmetrics["clipserve_grpc_requests"].type == "counter"
        assert set(openmetrics) >= {"clipserve_model_state", "clipserve_http_requests"}

    check("encoder queue, compute and batch-size histograms", encoder_histograms)
    check("encoder counters", encoder_counters)
    check("gRPC requests by model, version and code, with durations", grpc_requests)
    check("made-up model names and raw paths create no series", made_up_names_create_no_series)
    check("HTTP requests by route template and status, with durations", http_requests)
    check("model state", model_state)
    check("JVM and process metrics", jvm_and_process)
    check("the OpenMetrics page parses", openmetrics_parses)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
