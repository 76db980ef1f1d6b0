"""An independent numpy/scipy SWD (Karras et al. 2018) for SwdReferenceTests, fed the same inputs and random draws.

Reads the folder the test wrote (meta.json and raw little-endian arrays) and prints JSON: the SWD x1e3 per level and
the largest difference between each pyramid level and the one the trainer computed. Debian's python3-numpy and
python3-scipy (run with /usr/bin/python3).
"""
import json
import sys

import numpy as np
import scipy.ndimage

folder = sys.argv[1]
with open(f"{folder}/meta.json") as f:
    meta = json.load(f)
images, levels, size, per_image, repeats = (meta[k] for k in ("images", "levels", "neighbourhood_size", "per_image", "repeats"))


def load(name, dtype, shape):
    return np.fromfile(f"{folder}/{name}", dtype=dtype).reshape(shape)


weights = np.array([1, 4, 6, 4, 1], dtype=np.float64)
binomial = (np.outer(weights, weights) / 256.0).astype(np.float32)


def blur(batch, kernel):
    # 'mirror' is d c b | a b c d | c b a, as cv2.pyrDown/pyrUp border their images.
    return scipy.ndimage.convolve(batch, kernel[np.newaxis, np.newaxis], mode="mirror")


def halve(batch):
    return blur(batch, binomial)[:, :, ::2, ::2]


def double(batch):
    n, c, h, w = batch.shape
    spread = np.zeros((n, c, 2 * h, 2 * w), dtype=np.float32)
    spread[:, :, ::2, ::2] = batch
    return blur(spread, binomial * 4.0)


def laplacian_pyramid(batch, count):
    result, current = [], batch.astype(np.float32)
    for _ in range(count - 1):
        smaller = halve(current)
        result.append(current - double(smaller))
        current = smaller
    result.append(current)
    return result


def descriptors(level, ys, xs):
    half = size // 2
    offsets = np.arange(-half, half + 1)
    owner = np.arange(len(ys)) // per_image
    patches = level[
        owner[:, None, None, None],
        np.arange(level.shape[1])[None, :, None, None],
        ys[:, None, None, None] + offsets[None, None, :, None],
        xs[:, None, None, None] + offsets[None, None, None, :],
    ]
    patches = patches - patches.mean(axis=(0, 2, 3), keepdims=True)
    patches = patches / patches.std(axis=(0, 2, 3), keepdims=True)
    return patches.reshape(len(ys), -1)


def sliced_wasserstein(a, b, directions):
    directions = directions / np.sqrt(np.sum(np.square(directions), axis=0, keepdims=True))
    per_repeat = directions.shape[1] // repeats
    means = []
    for r in range(repeats):
        d = directions[:, r * per_repeat:(r + 1) * per_repeat]
        projected_a = np.sort(a @ d, axis=0)
        projected_b = np.sort(b @ d, axis=0)
        means.append(np.mean(np.abs(projected_a - projected_b)))
    return float(np.mean(means))


shape = (images, 3, 32, 32)
real = laplacian_pyramid(load("real.u8", np.uint8, shape), levels)
fake = laplacian_pyramid(load("fake.u8", np.uint8, shape), levels)
result = {"swd": [], "pyramid_difference": []}
count = images * per_image
for level in range(levels):
    side = real[level].shape[2]
    theirs = load(f"pyramid{level}.f32", np.float32, real[level].shape)
    result["pyramid_difference"].append(float(np.max(np.abs(theirs - real[level]))))
    real_centres = load(f"real_centres{level}.i64", np.int64, (2, count))
    fake_centres = load(f"fake_centres{level}.i64", np.int64, (2, count))
    a = descriptors(real[level], real_centres[0], real_centres[1])
    b = descriptors(fake[level], fake_centres[0], fake_centres[1])
    directions = load(f"directions{level}.f32", np.float32, (a.shape[1], -1))
    result["swd"].append(sliced_wasserstein(a, b, directions) * 1e3)
print(json.dumps(result))
