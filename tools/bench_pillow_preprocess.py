#!/usr/bin/env python3
"""Pillow's side of the preprocessing benchmark: decode, resize to 224x224 with BICUBIC, then
convert('RGB') as the reference pipelines order them, normalise to a float32 CHW array,
single-threaded, over the given files held in memory.
Prints one line: 'pillow <images per CPU second> <images per wall second> <images>'.

usage: bench_pillow_preprocess.py SECONDS FILE...
"""
import io
import sys
import time

import numpy as np
from PIL import Image

MEAN = np.array([0.48145466, 0.4578275, 0.40821073], np.float32).reshape(3, 1, 1)
STD = np.array([0.26862954, 0.26130258, 0.27577711], np.float32).reshape(3, 1, 1)


def preprocess(data):
    image = Image.open(io.BytesIO(data)).resize((224, 224), Image.BICUBIC).convert("RGB")
    tensor = np.asarray(image, np.float32).transpose(2, 0, 1) / np.float32(255)
    return (tensor - MEAN) / STD


def main():
    seconds = float(sys.argv[1])
    images = [open(path, "rb").read() for path in sys.argv[2:]]
    for data in images:  # warm-up
        preprocess(data)
    done = 0
    start = time.perf_counter()
    start_cpu = time.process_time()
    while time.perf_counter() - start < seconds:
        for data in images:
            preprocess(data)
        done += len(images)
    cpu = time.process_time() - start_cpu
    wall = time.perf_counter() - start
    print("pillow %.1f %.1f %d" % (done / cpu, done / wall, done))


if __name__ == "__main__":
    main()
