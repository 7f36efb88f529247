#!/usr/bin/python3
"""Ceiling check for issue 14: what a good two-frame dense optical flow reaches on the interpolation protocol.

Diagnostic only: needs Debian's python3-opencv (OpenCV 4.6 with the contrib modules), is never shipped and no test
uses it. Same protocol as `interpolate-quality` (benchmarks/VideoKit.Benchmarks/Interpolation/InterpolateQuality.cs):
decode the first N frames as the library does (passthrough timing, RGBA), keep the even frames, rebuild each odd frame
k from frames k-1 and k+1 at t = 0.5, score PSNR over R, G, B against the real frame k (per-frame PSNR, then the mean
over frames), on the odd frames minterpolate emits when fed the even frames at 15 -> 30 fps (the C# rule:
k + 1 < count and k + 1 <= minterpolate's frame count).

Flow methods: OpenCV DIS (each preset), Farneback, and optionally Dual TV-L1. Each is run both ways (A->B, B->A).
Two ways to get the flow at t = 0.5 from them:
  lin  - the linear combination F_t0 = -t(1-t) F01 + t^2 F10, F_t1 = (1-t)^2 F01 - t(1-t) F10 (locally smooth flow);
  proj - flow projection: each pixel of A carries -t F01 to x + t F01 (bilinear splat, weighted by its forward/
         backward consistency), likewise B with -(1-t) F10; holes are filled from the other side's projection (-F),
         then by normalised smoothing.
  lin0 - lin without the occlusion masks (a check on what the masks buy).
Both frames are sampled backward at p + F_t0 and p + F_t1 (bicubic). Occlusion: a pixel of A whose forward vector
lands where B's backward vector does not return (|F01 + F10(x + F01)|^2 > 0.01 (|F01|^2 + |F10'|^2) + 0.5) is not
visible in B (Sundaram et al.'s rule); the visibility of each side's sample is 1 - that mask at the sample point,
weights (1 - t) V0 and t V1, a plain blend where both are hidden.

Usage: ceiling.py CLIP [--frames N] [--per-frame] [--methods dis-medium,dis-fast,dis-ultrafast,dis-best,farneback,
       deepflow,tvl1] [--ways lin,lin0,proj] [--videokit PERFRAME.txt] [--fuse DUMPFOLDER]
PERFRAME.txt is the output of `interpolate-quality --per-frame` for the same clip; its motion column is joined per
frame. DUMPFOLDER is `interpolate-quality --dump` output: the mean picture of VideoKit's and each flow's rebuild, and
the per-frame better of the two, are scored too.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import cv2
import numpy as np

T = 0.5


def probe_size(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                          "-of", "json", path], check=True, capture_output=True, text=True).stdout
    s = json.loads(out)["streams"][0]
    return s["width"], s["height"]


def decode(path, limit):
    """The library's decode (VideoDecoder.BuildArguments without a rate): passthrough timing, bicubic scale, RGBA."""
    w, h = probe_size(path)
    raw = subprocess.run(["ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", path, "-map", "0:v:0", "-an",
                          "-sn", "-dn", "-vf", f"scale={w}:{h}:flags=bicubic,setsar=1", "-fps_mode", "passthrough",
                          "-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1"], check=True, capture_output=True).stdout
    n = min(len(raw) // (w * h * 4), limit)
    return np.frombuffer(raw[: n * w * h * 4], np.uint8).reshape(n, h, w, 4), w, h


def minterpolate_frames(evens, w, h):
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "even.rgba"), os.path.join(d, "mi.rgba")
        evens.tofile(src)
        subprocess.run(["ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba",
                        "-s", f"{w}x{h}", "-r", "15", "-i", src, "-vf",
                        "minterpolate=fps=30:mi_mode=mci:mc_mode=aobmc:me_mode=bidir", "-f", "rawvideo", "-pix_fmt",
                        "rgba", dst], check=True)
        raw = np.fromfile(dst, np.uint8)
    return raw.reshape(-1, h, w, 4)


def psnr(a, b):
    d = a[..., :3].astype(np.int32) - b[..., :3].astype(np.int32)
    mse = float(np.mean(d * d))
    return float("inf") if mse == 0 else 10 * np.log10(255.0 * 255.0 / mse)


def blend(a, b):
    # BlendInterpolator at t = 0.5: (a*128 + b*128 + 128) >> 8
    return ((a.astype(np.uint16) * 128 + b.astype(np.uint16) * 128 + 128) >> 8).astype(np.uint8)


def luma(f):
    # BT.601 integer weights, as LumaPlane
    r, g, b = (f[..., i].astype(np.int32) for i in range(3))
    return ((77 * r + 150 * g + 29 * b + 128) >> 8).astype(np.uint8)


def make_flow(name):
    if name == "dis-best":  # medium preset refined down to full resolution, denser patches, more refinement
        dis = cv2.DISOpticalFlow_create(cv2.DISOpticalFlow_PRESET_MEDIUM)
        dis.setFinestScale(0)
        dis.setPatchStride(2)
        dis.setGradientDescentIterations(50)
        dis.setVariationalRefinementIterations(10)
        return lambda g0, g1: dis.calc(g0, g1, None)
    if name.startswith("dis-"):
        preset = {"ultrafast": cv2.DISOpticalFlow_PRESET_ULTRAFAST, "fast": cv2.DISOpticalFlow_PRESET_FAST,
                  "medium": cv2.DISOpticalFlow_PRESET_MEDIUM}[name[4:]]
        dis = cv2.DISOpticalFlow_create(preset)
        return lambda g0, g1: dis.calc(g0, g1, None)
    if name == "farneback":
        return lambda g0, g1: cv2.calcOpticalFlowFarneback(g0, g1, None, 0.5, 5, 15, 5, 7, 1.5,
                                                           cv2.OPTFLOW_FARNEBACK_GAUSSIAN)
    if name == "tvl1":
        tv = cv2.optflow.DualTVL1OpticalFlow_create()
        return lambda g0, g1: tv.calc(g0, g1, None)
    if name == "deepflow":
        df = cv2.optflow.createOptFlow_DeepFlow()
        return lambda g0, g1: df.calc(g0, g1, None)
    raise ValueError(name)


def sample(img, flow, interp=cv2.INTER_CUBIC):
    h, w = flow.shape[:2]
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(img, gx + flow[..., 0], gy + flow[..., 1], interp, borderMode=cv2.BORDER_REPLICATE)


def occlusion(f01, f10):
    """1 where a pixel of A (on A's grid) has no consistent match in B."""
    back = sample(f10, f01, cv2.INTER_LINEAR)
    s = f01 + back
    err = s[..., 0] ** 2 + s[..., 1] ** 2
    mag = (f01 ** 2).sum(-1) + (back ** 2).sum(-1)
    return (err > 0.01 * mag + 0.5).astype(np.float32)


def splat(flow_src, carried, weight, h, w):
    """Forward-splat `carried` (h, w, 2) from x to x + flow_src(x), bilinear, weighted; returns (sum, mass)."""
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    tx, ty = gx + flow_src[..., 0], gy + flow_src[..., 1]
    x0, y0 = np.floor(tx).astype(np.int64), np.floor(ty).astype(np.int64)
    fx, fy = tx - x0, ty - y0
    acc = np.zeros((h * w, 2), np.float64)
    mass = np.zeros(h * w, np.float64)
    for dx, dy, wt in ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)), (0, 1, (1 - fx) * fy), (1, 1, fx * fy)):
        xi, yi = x0 + dx, y0 + dy
        ok = (xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)
        idx = (yi * w + xi)[ok]
        ww = (wt * weight)[ok]
        np.add.at(mass, idx, ww)
        np.add.at(acc[:, 0], idx, (carried[..., 0][ok]) * ww)
        np.add.at(acc[:, 1], idx, (carried[..., 1][ok]) * ww)
    return acc.reshape(h, w, 2), mass.reshape(h, w)


def fill(flow, mass):
    """Normalised-convolution fill of pixels with no splat mass."""
    known = (mass > 1e-3).astype(np.float32)
    f = flow * known[..., None]
    out = flow.copy()
    m = known.copy()
    k = 3
    while (m < 1e-3).any() and k < 257:
        num = cv2.blur(f, (k, k))
        den = cv2.blur(known, (k, k))
        hole = (m < 1e-3) & (den > 1e-4)
        out[hole] = num[hole] / den[hole][..., None]
        m = np.maximum(m, hole.astype(np.float32))
        k = 2 * k + 1
    return out


def interpolate(a, b, f01, f10, way):
    h, w = f01.shape[:2]
    occ0, occ1 = occlusion(f01, f10), occlusion(f10, f01)
    if way == "lin0":  # no occlusion masks: the plain mean of the two warps
        occ0, occ1 = np.zeros_like(occ0), np.zeros_like(occ1)
    if way in ("lin", "lin0"):
        ft0 = -T * (1 - T) * f01 + T * T * f10
        ft1 = (1 - T) * (1 - T) * f01 - T * (1 - T) * f10
    else:
        c0 = 1.0 - 0.9 * occ0 + 1e-3
        c1 = 1.0 - 0.9 * occ1 + 1e-3
        s0, m0 = splat(T * f01, -T * f01, c0, h, w)
        s1, m1 = splat((1 - T) * f10, -(1 - T) * f10, c1, h, w)
        ft0 = np.where(m0[..., None] > 1e-3, s0 / np.maximum(m0, 1e-9)[..., None], np.nan)
        ft1 = np.where(m1[..., None] > 1e-3, s1 / np.maximum(m1, 1e-9)[..., None], np.nan)
        # a hole in one side's projection: the other side's motion, reversed (constant velocity)
        ft0 = np.where(np.isnan(ft0) & ~np.isnan(ft1), -ft1 * T / (1 - T), ft0)
        ft1 = np.where(np.isnan(ft1) & ~np.isnan(ft0), -ft0 * (1 - T) / T, ft1)
        both = np.isnan(ft0[..., 0])
        ft0 = fill(np.nan_to_num(ft0).astype(np.float32), (~both).astype(np.float32))
        ft1 = fill(np.nan_to_num(ft1).astype(np.float32), (~both).astype(np.float32))
    ft0, ft1 = ft0.astype(np.float32), ft1.astype(np.float32)
    wa = sample(a[..., :3].astype(np.float32), ft0)
    wb = sample(b[..., :3].astype(np.float32), ft1)
    v0 = 1.0 - sample(occ0, ft0, cv2.INTER_LINEAR)
    v1 = 1.0 - sample(occ1, ft1, cv2.INTER_LINEAR)
    k0, k1 = (1 - T) * v0, T * v1
    den = k0 + k1
    hidden = den < 1e-3
    k0 = np.where(hidden, 1 - T, k0)
    k1 = np.where(hidden, T, k1)
    den = k0 + k1
    out = (wa * k0[..., None] + wb * k1[..., None]) / den[..., None]
    res = np.empty_like(a)
    res[..., :3] = np.clip(np.rint(out), 0, 255).astype(np.uint8)
    res[..., 3] = 255
    return res


def read_videokit(path):
    rows = {}
    if path is None:
        return rows
    for line in open(path, encoding="utf-8"):
        p = line.split()
        if len(p) >= 6 and p[0].isdigit():
            rows[int(p[0])] = float(p[4])
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("clip")
    ap.add_argument("--frames", type=int, default=100000)
    ap.add_argument("--videokit")
    ap.add_argument("--methods", default="dis-medium,dis-fast,farneback")
    ap.add_argument("--ways", default="lin,proj")
    ap.add_argument("--per-frame", action="store_true")
    ap.add_argument("--fuse", help="folder of `interpolate-quality --dump` output: also score the mean of VideoKit's "
                    "rebuild and each flow rebuild, and the per-frame best of the two (an oracle)")
    args = ap.parse_args()

    frames, w, h = decode(args.clip, args.frames)
    count = len(frames) if len(frames) % 2 == 1 else len(frames) - 1
    mi = minterpolate_frames(np.ascontiguousarray(frames[0:count:2]), w, h)
    ks = [k for k in range(1, count, 2) if k + 1 < count and k + 1 <= len(mi)]
    vk = read_videokit(args.videokit)
    cols = ["blend", "minterp"] + (["videokit"] if vk else [])
    variants = [(m, wy) for m in args.methods.split(",") for wy in args.ways.split(",")]
    cols += [f"{m}/{wy}" for m, wy in variants]
    stem = os.path.splitext(os.path.basename(args.clip))[0]
    if args.fuse:
        cols += [f"mean(vk,{m}/{wy})" for m, wy in variants] + [f"best(vk,{m}/{wy})" for m, wy in variants]
    flows = {m: make_flow(m) for m in args.methods.split(",")}
    scores = {c: [] for c in cols}
    secs = {m: 0.0 for m in flows}
    print(f"{os.path.basename(args.clip)}: {w}x{h}, {len(frames)} frames read, {len(ks)} odd frames scored")
    for k in ks:
        a, b, truth = frames[k - 1], frames[k + 1], frames[k]
        scores["blend"].append(psnr(blend(a, b), truth))
        scores["minterp"].append(psnr(mi[k], truth))
        if vk:
            scores["videokit"].append(vk.get(k, float("nan")))
        g0, g1 = luma(a), luma(b)
        for m, fn in flows.items():
            t0 = time.process_time()
            f01, f10 = fn(g0, g1), fn(g1, g0)
            secs[m] += time.process_time() - t0
            for wy in args.ways.split(","):
                if (m, wy) in variants:
                    rebuilt = interpolate(a, b, f01, f10, wy)
                    scores[f"{m}/{wy}"].append(psnr(rebuilt, truth))
                    if args.fuse:
                        png = cv2.imread(os.path.join(args.fuse, f"{stem}-{k:03d}-motion.png"), cv2.IMREAD_COLOR)
                        vkf = np.empty_like(a)
                        vkf[..., :3] = png[..., ::-1]
                        mean = ((vkf.astype(np.uint16) + rebuilt + 1) >> 1).astype(np.uint8)
                        scores[f"mean(vk,{m}/{wy})"].append(psnr(mean, truth))
                        scores[f"best(vk,{m}/{wy})"].append(max(psnr(vkf, truth), psnr(rebuilt, truth)))
    if args.per_frame:
        print("frame " + " ".join(f"{c:>15}" for c in cols))
        for i, k in enumerate(ks):
            print(f"{k:5} " + " ".join(f"{scores[c][i]:15.2f}" for c in cols))
    for c in cols:
        s = np.array(scores[c])
        print(f"{c:22} PSNR {np.nanmean(s):6.2f} dB   vs minterpolate {np.nanmean(s) - np.mean(scores['minterp']):+.2f}")
    for m in flows:
        print(f"{m}: {secs[m] / len(ks) * 1000:.0f} ms CPU per frame pair (both directions)")


if __name__ == "__main__":
    sys.exit(main())
