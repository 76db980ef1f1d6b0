"""Independent FID and KID for the C# tests: numpy and scipy (Debian's python3-numpy, python3-scipy).

Reads a JSON file of cases and prints one JSON object, name -> result:
  {"name": ..., "kind": "fid", "x": [[...]], "y": [[...]]}
      -> {"fid": ..., "offset": whether sqrtm needed the 1e-6 diagonal offset, "imaginary": largest |imag| dropped}
      FID as pytorch-fid's calculate_frechet_distance defines it: np.mean, np.cov (rowvar False) and
      scipy.linalg.sqrtm of the product of the covariances.
  {"name": ..., "kind": "kid", "x": [[...]], "y": [[...]], "subsets": [[[x rows], [y rows]], ...]}
      -> {"mean": ..., "std": ...}: unbiased MMD^2 with k(a, b) = (a.b / d + 1)^3 on each given subset pair,
      then their mean and population standard deviation (np.std).
"""
import json
import sys

import numpy as np
import scipy.linalg


def frechet_distance(x, y):
    mu1, mu2 = x.mean(axis=0), y.mean(axis=0)
    sigma1, sigma2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    root, _ = scipy.linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    offset = not np.isfinite(root).all()
    if offset:
        eye = np.eye(sigma1.shape[0]) * 1e-6
        root = scipy.linalg.sqrtm((sigma1 + eye).dot(sigma2 + eye))
    imaginary = 0.0
    if np.iscomplexobj(root):
        imaginary = float(np.max(np.abs(root.imag)))
        root = root.real
    diff = mu1 - mu2
    fid = diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(root)
    return {"fid": float(fid), "offset": bool(offset), "imaginary": imaginary}


def polynomial_kernel(a, b):
    return (a @ b.T / a.shape[1] + 1) ** 3


def unbiased_mmd2(x, y):
    m = x.shape[0]
    kxx, kyy, kxy = polynomial_kernel(x, x), polynomial_kernel(y, y), polynomial_kernel(x, y)
    within_x = (kxx.sum() - np.diag(kxx).sum()) / (m * (m - 1))
    within_y = (kyy.sum() - np.diag(kyy).sum()) / (m * (m - 1))
    return within_x + within_y - 2 * kxy.sum() / (m * m)


def kernel_distance(x, y, subsets):
    values = np.array([unbiased_mmd2(x[np.array(i)], y[np.array(j)]) for i, j in subsets])
    return {"mean": float(values.mean()), "std": float(values.std())}


def main(path):
    with open(path) as f:
        cases = json.load(f)
    results = {}
    for case in cases:
        x = np.array(case["x"], dtype=np.float64)
        y = np.array(case["y"], dtype=np.float64)
        if case["kind"] == "fid":
            results[case["name"]] = frechet_distance(x, y)
        else:
            results[case["name"]] = kernel_distance(x, y, case["subsets"])
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
