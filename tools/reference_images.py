#!/usr/bin/env python3
"""Writes the Pillow/torchvision reference pixels the Java image preprocessing is tested against.

Run from the repository root with a python3 holding Pillow and torchvision (Debian's PIL 9.4 and
torchvision 0.14 made the stored references):
    python3 tools/reference_images.py [--testdata DIR, default testdata or $CLIPSERVE_TESTDATA]

For every photo in <testdata>/images and for synthetic inputs this script creates itself (written
to inputs/), it records, under server/src/test/resources/reference/images/:
  decoded.tsv  name, width, height, SHA-256 of Pillow's convert('RGB') pixels, CRC-32 of each row,
               the mode Image.open gives
  resized.tsv  name, mode, size, SHA-256 of the resized uint8 RGB pixels, PNG file or '-'
  levels.tsv   torchvision's ToTensor + Normalize (CLIP's mean and std) of every uint8 level, per
               channel, as float32 bit patterns: both are element-wise, so the reference tensor
               of any image is its resized pixels looked up here
  expected/    the resized pixels as lossless PNG, for JPEG inputs in squash mode at 224 only: where
               the JDK's JPEG decoding differs from Pillow's these show by how much; everything
               else is compared by digest (all of it as PNG would cost ~12 MB)
Modes, each applied to the image as Image.open gives it, then convert('RGB'), exactly as the
reference pipelines order them (Pillow resizes "P" and "1" with nearest neighbour, "LA" and "RGBA"
premultiplied, "I" in 32 bits, "CMYK" ink by ink):
  squash  Chinese-CLIP: Resize((size, size), BICUBIC), then _convert_to_rgb
  crop    OpenAI CLIP / AltCLIP: Resize(size, BICUBIC), CenterCrop(size), then _convert_image_to_rgb
"""
import argparse
import hashlib
import io
import os
import shutil
import struct
import warnings
import zlib

import numpy as np
from PIL import Image
from torchvision import transforms
from torchvision.transforms import InterpolationMode

from clipgen.testdata import TESTDATA

SIZES = (224, 336)
CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)
OUT = os.path.join("server", "src", "test", "resources", "reference", "images")


def pipelines(size):
    bicubic = InterpolationMode.BICUBIC
    return {
        "squash": transforms.Resize((size, size), interpolation=bicubic),
        "crop": transforms.Compose(
            [transforms.Resize(size, interpolation=bicubic), transforms.CenterCrop(size)]
        ),
    }


def normalized_levels():
    """Rows R, G, B of float32 bit patterns (hex) for levels 0..255."""
    ramp = np.repeat(np.arange(256, dtype=np.uint8)[None, :, None], 3, axis=2)
    to_tensor = transforms.Compose([transforms.ToTensor(), transforms.Normalize(CLIP_MEAN, CLIP_STD)])
    tensor = to_tensor(Image.fromarray(ramp, "RGB"))[:, 0, :].numpy()
    assert tensor.dtype == np.float32 and tensor.shape == (3, 256)
    return ["\t".join("%08x" % bits for bits in channel.view(np.uint32)) for channel in tensor]


def png_bytes(image, **params):
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True, **params)
    return buf.getvalue()


def png16(array, color_type):
    """A 16-bit PNG written by hand: Pillow cannot save 16-bit RGB."""
    height, width = array.shape[:2]
    raw = b"".join(b"\x00" + array[y].astype(">u2").tobytes() for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 16, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def bmp555(fives):
    """A 16-bit (5-5-5) bottom-up BMP written by hand: Pillow cannot save one."""
    height, width = fives.shape[:2]
    row_bytes = (2 * width + 3) & ~3
    rows = []
    for y in range(height - 1, -1, -1):
        row = b"".join(struct.pack("<H", int(r) << 10 | int(g) << 5 | int(b)) for r, g, b in fives[y])
        rows.append(row + b"\0" * (row_bytes - 2 * width))
    pixels = b"".join(rows)
    header = struct.pack("<2sIHHI", b"BM", 54 + len(pixels), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 16, 0, len(pixels), 2835, 2835, 0, 0)
    return header + info + pixels


def pattern(width, height):
    """Sharp edges (which overshoot and clip), thin lines, gradients and flat areas."""
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.zeros((height, width, 3), np.uint8)
    rgb[..., 0] = (x * 255 // max(width - 1, 1)).astype(np.uint8)
    rgb[..., 1] = (y * 255 // max(height - 1, 1)).astype(np.uint8)
    rgb[..., 2] = np.where(((x // 16) + (y // 16)) % 2 == 0, 255, 0)
    rgb[(x % 37 == 0) | (y % 29 == 0)] = (255, 255, 255)
    rgb[(x + y) % 53 == 0] = (0, 0, 0)
    return rgb


def noise(shape, seed):
    return np.random.RandomState(seed).randint(0, 256, shape).astype(np.uint8)


def gif_with_offset_frame():
    """A 30x20 GIF whose only frame is 20x10 at (6, 5), with a transparent index: Pillow fills
    the rest of the canvas with that index."""
    frame = Image.fromarray(noise((10, 20), 7) % 8, "P")
    frame.putpalette([v for i in range(8) for v in (i * 30, 255 - i * 30, (i * 97) % 256)])
    buf = io.BytesIO()
    frame.save(buf, "GIF", transparency=3)
    data = bytearray(buf.getvalue())
    data[6:10] = struct.pack("<HH", 30, 20)
    descriptor = data.index(b"\x2c")
    assert struct.unpack("<HH", data[descriptor + 5:descriptor + 9]) == (20, 10)
    data[descriptor + 1:descriptor + 5] = struct.pack("<HH", 6, 5)
    return bytes(data)


def jpeg_segments(data):
    """Splits a JPEG into SOI, its marker segments up to the first scan, and the rest."""
    segments, p = [], 2
    while data[p + 1] != 0xDA:
        length = struct.unpack(">H", data[p + 2:p + 4])[0]
        segments.append(data[p:p + 2 + length])
        p += 2 + length
    return data[:2], segments, data[p:]


def adobe_segment(transform):
    return b"\xff\xee" + struct.pack(">H", 14) + b"Adobe" + struct.pack(">HHHB", 100, 0, 0, transform)


def repatch_jpeg(data, adobe_transform=None):
    """The JPEG without its JFIF and Adobe markers, with a new Adobe marker when a transform is
    given: libjpeg reads the same components as another colour space (YCCK for CMYK data with
    transform 2, RGB for YCbCr data with transform 0) or guesses from the frame."""
    soi, segments, rest = jpeg_segments(data)
    kept = [s for s in segments if s[1] not in (0xE0, 0xEE)]
    if adobe_transform is not None:
        kept.insert(0, adobe_segment(adobe_transform))
    return soi + b"".join(kept) + rest


def alpha_ramp(width, height, seed):
    """Alpha 0 and 255 in bands (Pillow keeps those colours as they are) and every level between."""
    alpha = noise((height, width), seed)
    alpha[: height // 4] = 0
    alpha[height // 4: height // 2] = 255
    alpha[height // 2:, : width // 2] = (np.arange(width // 2) * 255 // max(width // 2 - 1, 1))[None, :]
    return alpha


def mode_inputs(photo):
    """Inputs whose mode Pillow resizes otherwise than RGB, large enough to be reduced."""
    inputs = {}
    scene = photo.crop((100, 60, 400, 260))
    rgba = np.dstack([np.asarray(scene), alpha_ramp(300, 200, 11)])
    inputs["rgba_photo_300x200.png"] = png_bytes(Image.fromarray(rgba, "RGBA"))
    la = np.dstack([np.asarray(scene.convert("L")), alpha_ramp(300, 200, 12)])
    inputs["la_photo_300x200.png"] = png_bytes(Image.fromarray(la, "LA"))
    inputs["palette_photo_400x300.png"] = png_bytes(photo.crop((0, 0, 400, 300)).quantize(200))
    inputs["bilevel_333x250.png"] = png_bytes(photo.crop((0, 0, 333, 250)).convert("1"))
    levels = (np.asarray(scene.convert("L")).astype(np.uint16) * 2 + np.arange(300)[None, :] // 3)
    inputs["gray16_photo_300x200.png"] = png16(levels, 0)
    la16 = np.dstack([levels * 160, alpha_ramp(300, 200, 13).astype(np.uint16) * 257])
    inputs["la16_photo_300x200.png"] = png16(la16, 4)
    inputs["rgb_trns_200x150.png"] = png_bytes(scene.resize((200, 150)), transparency=(0, 0, 0))
    inputs["cmyk_photo_400x300.jpg"] = jpeg_bytes(photo.crop((0, 0, 400, 300)).convert("CMYK"))
    for mode, name in (("L", "gray_palette_200x150.bmp"), ("1", "bilevel_200x150.bmp"),
                       ("RGBA", "rgba32_200x150.bmp")):
        image = Image.fromarray(rgba, "RGBA").convert(mode).resize((200, 150))
        buf = io.BytesIO(); image.save(buf, "BMP"); inputs[name] = buf.getvalue()
    buf = io.BytesIO(); scene.convert("L").save(buf, "GIF"); inputs["gray_ramp_300x200.gif"] = buf.getvalue()
    buf = io.BytesIO(); scene.quantize(100).save(buf, "GIF"); inputs["palette_300x200.gif"] = buf.getvalue()
    return inputs


def jpeg_bytes(image, **params):
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=90, **params)
    return buf.getvalue()


def synthetic_inputs(testdata):
    photo = Image.open(os.path.join(testdata, "images", "coco_000000043121.jpg")).convert("RGB")
    inputs = mode_inputs(photo)
    inputs["pattern_640x480.png"] = png_bytes(Image.fromarray(pattern(640, 480)))
    inputs["photo_crop_256x192.png"] = png_bytes(photo.crop((200, 150, 456, 342)))
    inputs["gray_97x61.png"] = png_bytes(Image.fromarray(noise((61, 97), 1)))
    inputs["la_50x40.png"] = png_bytes(Image.fromarray(noise((40, 50, 2), 2), "LA"))
    inputs["rgba_80x60.png"] = png_bytes(Image.fromarray(noise((60, 80, 4), 3), "RGBA"))
    palette = Image.fromarray(noise((48, 64), 4) % 16, "P")
    palette.putpalette([v for i in range(16) for v in (i * 16, 255 - i * 8, (i * 53) % 256)])
    inputs["palette4bit_trns_64x48.png"] = png_bytes(palette, transparency=bytes(range(0, 256, 16)))
    inputs["bilevel_45x30.png"] = png_bytes(Image.fromarray(noise((30, 45), 5) > 127))
    inputs["gray16_40x30.png"] = png16((noise((30, 40), 6).astype(np.uint16) * 3), 0)
    inputs["rgb16_40x30.png"] = png16(noise((30, 40, 3), 8).astype(np.uint16) * 257 + 3, 2)
    inputs["tiny_1x1.png"] = png_bytes(Image.new("RGB", (1, 1), (12, 200, 99)))
    inputs["elongated_1000x3.png"] = png_bytes(Image.fromarray(pattern(1000, 3)))
    small = Image.fromarray(pattern(120, 90))
    buf = io.BytesIO(); small.save(buf, "BMP"); inputs["rgb24_120x90.bmp"] = buf.getvalue()
    buf = io.BytesIO(); palette.save(buf, "BMP"); inputs["palette_64x48.bmp"] = buf.getvalue()
    inputs["rgb555_40x30.bmp"] = bmp555(noise((30, 40, 3), 10) % 32)
    frames = [Image.fromarray(pattern(60, 40)).quantize(64), Image.fromarray(noise((40, 60, 3), 9)).quantize(64)]
    buf = io.BytesIO(); frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100)
    inputs["animated_60x40.gif"] = buf.getvalue()
    inputs["offset_frame_30x20.gif"] = gif_with_offset_frame()
    jpeg_sources = {
        "baseline420_640x480.jpg": (photo, {"quality": 90}),
        "progressive_640x480.jpg": (photo, {"quality": 85, "progressive": True}),
        "q444_320x240.jpg": (photo.crop((0, 0, 320, 240)), {"quality": 95, "subsampling": 0}),
        "q422_320x240.jpg": (photo.crop((320, 240, 640, 480)), {"quality": 80, "subsampling": 1}),
        "gray_160x120.jpg": (photo.convert("L").crop((0, 0, 160, 120)), {"quality": 90}),
        "cmyk_120x90.jpg": (photo.convert("CMYK").crop((100, 100, 220, 190)), {"quality": 90}),
        "tiny_1x1.jpg": (Image.new("RGB", (1, 1), (200, 30, 60)), {"quality": 90}),
        "elongated_3x700.jpg": (Image.fromarray(pattern(3, 700)), {"quality": 90}),
    }
    for name, (image, params) in jpeg_sources.items():
        buf = io.BytesIO(); image.save(buf, "JPEG", **params); inputs[name] = buf.getvalue()
    inputs["nojfif_q444_320x240.jpg"] = repatch_jpeg(inputs["q444_320x240.jpg"])
    inputs["nojfif_q420_640x480.jpg"] = repatch_jpeg(inputs["baseline420_640x480.jpg"])
    inputs["adobe_rgb_320x240.jpg"] = repatch_jpeg(inputs["q444_320x240.jpg"], adobe_transform=0)
    inputs["adobe_ycbcr_320x240.jpg"] = repatch_jpeg(inputs["q444_320x240.jpg"], adobe_transform=1)
    inputs["ycck_120x90.jpg"] = repatch_jpeg(inputs["cmyk_120x90.jpg"], adobe_transform=2)
    return inputs


def row_crcs(rgb):
    return "".join("%08x" % zlib.crc32(row.tobytes()) for row in rgb)


def main():
    # Pillow warns that a palette with per-index alpha is better converted to RGBA; dropping the
    # alpha is exactly the convert('RGB') behaviour being recorded.
    warnings.filterwarnings("ignore", message="Palette images with Transparency")
    parser = argparse.ArgumentParser()
    parser.add_argument("--testdata", default=TESTDATA)
    args = parser.parse_args()
    os.makedirs(os.path.join(OUT, "inputs"), exist_ok=True)
    shutil.rmtree(os.path.join(OUT, "expected"), ignore_errors=True)
    os.makedirs(os.path.join(OUT, "expected"))

    sources = []
    photos = os.path.join(args.testdata, "images")
    for name in sorted(os.listdir(photos)):
        with open(os.path.join(photos, name), "rb") as f:
            sources.append((name, f.read()))
    for name, data in synthetic_inputs(args.testdata).items():
        with open(os.path.join(OUT, "inputs", name), "wb") as f:
            f.write(data)
        sources.append((name, data))

    decoded_rows, resized_rows = [], []
    for name, data in sources:
        opened = Image.open(io.BytesIO(data))
        rgb = opened.convert("RGB")
        pixels = np.asarray(rgb)
        decoded_rows.append("\t".join([name, str(rgb.width), str(rgb.height),
                                       hashlib.sha256(pixels.tobytes()).hexdigest(), row_crcs(pixels),
                                       opened.mode]))
        for size in SIZES:
            for mode, transform in pipelines(size).items():
                out = transform(Image.open(io.BytesIO(data))).convert("RGB")
                assert out.size == (size, size) and out.mode == "RGB", (name, mode, out.size)
                digest = hashlib.sha256(np.asarray(out).tobytes()).hexdigest()
                png = "-"
                if name.endswith((".jpg", ".jpeg")) and mode == "squash" and size == 224:
                    png = "%s.%s.%d.png" % (name, mode, size)
                    with open(os.path.join(OUT, "expected", png), "wb") as f:
                        f.write(png_bytes(out))
                resized_rows.append("\t".join([name, mode, str(size), digest, png]))
    with open(os.path.join(OUT, "decoded.tsv"), "w") as f:
        f.write("# name\twidth\theight\tsha256 of RGB pixels\tCRC-32 of each row, hex\tPillow mode\n")
        f.write("\n".join(decoded_rows) + "\n")
    with open(os.path.join(OUT, "levels.tsv"), "w") as f:
        f.write("# per channel R, G, B: float32 bits of (level / 255 - mean) / std, levels 0..255\n")
        f.write("\n".join(normalized_levels()) + "\n")
    with open(os.path.join(OUT, "resized.tsv"), "w") as f:
        f.write("# name\tmode\tsize\tsha256 of RGB pixels\texpected PNG or -\n")
        f.write("\n".join(resized_rows) + "\n")


if __name__ == "__main__":
    main()
