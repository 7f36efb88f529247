#!/usr/bin/python3
"""Where downbeat F is lost, and what other per-beat bar cues would change, from a `BEAT_DBDUMP` file.

Make the dump with the benchmark (one JSON line per analysed excerpt; see DownbeatDump.cs):
  BEAT_DBDUMP=/tmp/db-dev.jsonl BEATS_DEV=/work/shared/data/beats-dev dotnet run -c Release \
      --project benchmarks/VideoKit.Benchmarks -- beat-accuracy --quiet
  BEAT_DBDUMP=/tmp/db-swing.jsonl BEAT_DBDUMP_SET=swing dotnet run ... -- beat-accuracy /work/swing-set
  BEAT_DBDUMP=/tmp/db-aug.jsonl ... -- beat-accuracy --augment tempo0.85,tempo0.92,tempo1.08,tempo1.18 --quiet

Usage:
  downbeat_loss.py DUMP [--split SPLIT.tsv] [--set NAME] [--list]     loss by class, per group
  downbeat_loss.py DUMP... --cues [--split SPLIT.tsv]                 the shipped phase against shipped + w * cue
  downbeat_loss.py DUMP --midi-audit MANIFEST.tsv...                  first note and phase error of MIDI renders

Classes (each excerpt's 1 - downbeat F is charged to one): beats wrong (beat F < 0.8), meter wrong (right beats),
phase k (right beats and meter, the annotated downbeats on bar position k + 1 of the analysed bars, k = 1..m-1),
partial (right phase for most bars, some lost). Groups are category and fold (dev), split and copy (swing, with
--split), tune (folds 0, 1) and held (fold 2) for transformed audio. Excerpts with fewer than 8 analysed beats carry
no cues and are left out of --cues. Needs numpy (/usr/bin/python3 on Debian), and mido for --midi-audit.
"""
import argparse
import json

import numpy as np

SHIPPED = (("kick", 0.5), ("change", 1.0), ("bassnote", 1.0), ("low", 1.0))  # + chord novelty over the meter, 1.0
EXPECTED_MAX = {2: 0.564, 3: 0.846, 4: 1.029, 5: 1.163}


def load(paths, split_path=None, only=None):
    split = {}
    if split_path:
        with open(split_path) as f:
            next(f)
            for line in f:
                name, half = line.rstrip("\n").split("\t")[:2]
                split[name] = half
    songs = []
    for path in paths:
        with open(path) as f:
            for line in f:
                d = json.loads(line)
                if only and d["set"] != only:
                    continue
                if d["set"] == "none":  # the untransformed pass of an --augment run repeats the dev run
                    continue
                if d["set"] == "swing" and d["name"] in split:
                    copy = "accent" if d["name"].endswith("_accent") else "nodrums" if d["name"].endswith("_nodrums") else "drums"
                    d["groups"] = ["swing " + split[d["name"]], "swing " + split[d["name"]] + " " + copy]
                elif d["set"] == "dev":
                    d["groups"] = ["dev fold %d" % d["fold"], "dev " + d["cat"]]
                else:
                    d["groups"] = ["%s %s" % (d["set"], "held" if d["fold"] == 2 else "tune")]
                songs.append(d)
    return songs


def trim(times, start=5.0):
    return [t for t in times if t >= start]


def f_measure(reference, estimated, window=0.07):
    """The F-measure of BeatEvaluation.FMeasure: greedy matching within the window, times before 5 s ignored."""
    reference, estimated = trim(reference), trim(estimated)
    if not reference or not estimated:
        return 0.0
    i = j = hits = 0
    while i < len(reference) and j < len(estimated):
        d = estimated[j] - reference[i]
        if abs(d) <= window + 1e-9:
            hits, i, j = hits + 1, i + 1, j + 1
        elif d < 0:
            j += 1
        else:
            i += 1
    p, r = hits / len(estimated), hits / len(reference)
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def standardise(x):
    x = np.asarray(x, float)
    sd = x.std()
    return (x - x.mean()) / sd if sd > 1e-12 else x * 0


def position_means(x, m):
    return np.array([x[p::m].mean() if len(x[p::m]) else 0.0 for p in range(m)])


def shipped_feature(d, m):
    f = sum(w * np.array(d[name]) for name, w in SHIPPED)
    return standardise(f + np.array(d["nov%d" % m]))


def downbeat_f(d, phase):
    m = d["estMeter"]
    return f_measure(d["refDown"], [t for k, t in enumerate(d["est"]) if k % m == phase])


def annotated_offset(d):
    """Bar position (0-based) of the analysed bars on which the annotated downbeats fall, by majority; None if none match."""
    est = np.array(d["est"])
    votes = {}
    for t in trim(d["refDown"]):
        j = int(np.argmin(abs(est - t)))
        if abs(est[j] - t) <= 0.07:
            k = (d["inBar"][j] - 1) % d["estMeter"]
            votes[k] = votes.get(k, 0) + 1
    return max(votes, key=votes.get) if votes else None


def annotated_phase(d):
    """The beat index (mod the analysed meter) of the annotated downbeats, by majority."""
    est = np.array(d["est"])
    votes = np.zeros(d["estMeter"])
    for t in trim(d["refDown"]):
        j = int(np.argmin(abs(est - t)))
        if abs(est[j] - t) <= 0.07:
            votes[j % d["estMeter"]] += 1
    return int(np.argmax(votes)) if votes.sum() > 0 else None


def loss_class(d):
    if d["F"] < 0.8:
        return "beats"
    if d["estMeter"] != d["meter"]:
        return "meter"
    k = annotated_offset(d)
    if k is None:
        return "beats"
    if k != 0:
        return "phase %d" % k
    return "partial" if d["dbf"] < 1 - 1e-9 else "ok"


def breakdown(songs, show_list):
    classes = ["beats", "meter"] + ["phase %d" % k for k in range(1, 5)] + ["partial"]
    groups = {}
    for d in songs:
        d["class"] = loss_class(d)
        for g in ["all " + d["set"]] + d["groups"]:
            groups.setdefault(g, []).append(d)
    print("loss of mean downbeat F by class: sum of (1 - DbF) over the group's excerpts / n (excerpts in brackets)")
    print("%-28s %3s %6s " % ("group", "n", "DbF") + " ".join("%-12s" % c for c in classes))
    for g in sorted(groups, key=lambda g: (not g.startswith("all"), g)):
        part = groups[g]
        n = len(part)
        cells = []
        for c in classes:
            members = [d for d in part if d["class"] == c]
            cells.append("%.3f (%d)" % (sum(1 - d["dbf"] for d in members) / n, len(members)) if members else "-")
        print("%-28s %3d %6.3f " % (g, n, np.mean([d["dbf"] for d in part])) + " ".join("%-12s" % c for c in cells))
    if show_list:
        for d in sorted(songs, key=lambda d: (d["set"], d["class"], d["name"])):
            if d["class"] != "ok":
                print("  %-8s %-30s %-22s F %.2f meter %d (annotated %d) DbF %.2f %s" % (
                    d["set"], d["name"], d["groups"][-1], d["F"], d["estMeter"], d["meter"], d["dbf"], d["class"]))


# Candidate cues: per-beat values, standardised over the excerpt, for bar meter m.

def _corr_distance(a, b):
    a, b = np.asarray(a) - np.mean(a), np.asarray(b) - np.mean(b)
    na, nb = np.sqrt((a * a).sum()), np.sqrt((b * b).sum())
    return 1 - (a * b).sum() / (na * nb) if na > 0 and nb > 0 else 0.0


def _bar_homogeneity(rows, m):
    """Minus the mean distance of each beat of the bar from beat k to the bar's mean profile (chords last the bar)."""
    n = len(rows)
    h = np.full(n, np.nan)
    for k in range(n - m + 1):
        seg = rows[k:k + m]
        mean = seg.mean(0)
        h[k] = -np.mean([_corr_distance(s, mean) for s in seg])
    h[np.isnan(h)] = np.nanmean(h)
    return standardise(h)


def _pattern_novelty(pattern, m):
    """Onset pattern of the bar from beat k against the bar before it (the drum pattern restarts at the bar line)."""
    n = len(pattern)
    v = np.full(n, np.nan)
    for k in range(m, n - m + 1):
        v[k] = _corr_distance(np.log1p(pattern[k:k + m].ravel()), np.log1p(pattern[k - m:k].ravel()))
    v[np.isnan(v)] = np.nanmean(v) if np.isfinite(np.nanmean(v)) else 0
    return standardise(v)


def _chord_changes(pc):
    """1 where the Viterbi-smoothed major/minor triad label changes (harmonic rhythm on the tracked beats)."""
    templates = []
    for root in range(12):
        for third in (4, 3):
            t = np.zeros(12)
            t[[root, (root + third) % 12, (root + 7) % 12]] = 1
            templates.append(t)
    t = np.array(templates)
    t = t - t.mean(1, keepdims=True)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    x = np.log1p(np.asarray(pc) / (np.asarray(pc).mean(1, keepdims=True) + 1e-9))
    x = x - x.mean(1, keepdims=True)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    s = 8 * (x @ t.T)
    n, k = s.shape
    score, back = s[0].copy(), np.zeros((n, k), int)
    for i in range(1, n):
        stay = score + 2.0
        best = score.max()
        back[i] = np.where(stay >= best, np.arange(k), score.argmax())
        score = np.maximum(stay, best) + s[i]
    label = np.zeros(n, int)
    label[-1] = score.argmax()
    for i in range(n - 1, 0, -1):
        label[i - 1] = back[i][label[i]]
    c = np.r_[0.0, (label[1:] != label[:-1]).astype(float)]
    c[0] = c[1:].mean()
    return standardise(c)


def cues(d, m):
    pattern, pc, timbre = np.array(d["pat"]), np.array(d["pc"]), np.array(d["timbre"])
    out = {}
    for r, name in enumerate(("low", "mid", "high")):
        attack, inside = pattern[:, r * 8], pattern[:, r * 8 + 1:r * 8 + 8].mean(1)
        out["durational accent " + name] = standardise(np.log1p(attack) - np.log1p(inside))
        out["activity in beat " + name] = standardise(np.log1p(inside))
    busy = np.log1p(pattern[:, [j for j in range(24) if j % 8]].mean(1))
    out["activity of beat before"] = standardise(np.r_[busy[0], busy[:-1]] - busy)
    out["bar chord homogeneity"] = _bar_homogeneity(pc, m)
    out["bar timbre homogeneity"] = _bar_homogeneity(timbre, m)
    out["bar pattern novelty"] = _pattern_novelty(pattern, m)
    out["triad changes"] = _chord_changes(pc)
    low = np.maximum(timbre[:, :6], 0)
    out["low bass pitch"] = standardise(-(low * np.arange(6)).sum(1) / np.maximum(low.sum(1), 1e-9))
    high = timbre[:, 12:16].mean(1)
    jump = np.r_[0, np.maximum(0, high[1:] - high[:-1])]
    out["crash (top 10% high jumps)"] = standardise(np.where(jump >= np.quantile(jump, 0.9), jump, 0))
    out["full-band onsets"] = np.array(d["flux"])
    return out


def cue_sweep(songs, weights=(-0.5, -0.25, 0.25, 0.5, 1.0)):
    groups = {}
    for d in songs:
        if "kick" not in d:
            continue
        m = d["estMeter"]
        d["_shipped"] = shipped_feature(d, m)
        if int(np.argmax(position_means(d["_shipped"], m))) != next(k for k, b in enumerate(d["inBar"]) if b == 1) % m:
            print("warning: the shipped phase is not reproduced for", d["set"], d["name"])
        d["_cues"] = cues(d, m)
        groups.setdefault(d["groups"][0], []).append(d)
    names = sorted(groups)

    def run(score):
        return [np.mean([downbeat_f(d, int(np.argmax(score(d)))) for d in groups[g]]) for g in names]

    print("mean downbeat F with the phase chosen by shipped + w * cue (the analysed beats and meter)")
    print("%-34s " % "variant" + " ".join("%-15s" % g for g in names))
    print("%-34s " % "shipped" + " ".join("%-15.3f" % v for v in run(lambda d: position_means(d["_shipped"], d["estMeter"]))))
    for cue in next(iter(groups.values()))[0]["_cues"]:
        for w in weights:
            values = run(lambda d: position_means(d["_shipped"] + w * d["_cues"][cue], d["estMeter"]))
            print("%-34s " % ("%s %+.2f" % (cue, w)) + " ".join("%-15.3f" % v for v in values))
    for c in (0.1, 0.2, 0.3, -0.2):
        def anticipation(d, c=c):
            pm = position_means(d["_shipped"], d["estMeter"])
            return np.array([pm[p] + c * pm[p - 1] for p in range(len(pm))])
        print("%-34s " % ("position + %+.1f x position before" % c) + " ".join("%-15.3f" % v for v in run(anticipation)))


def midi_audit(songs, manifests):
    """For each MIDI render: does the file have a time-signature event, where its first note starts (in beats after
    tick 0), and the phase class of the analysis. Bars of a file without a time-signature event are counted from tick 0."""
    import csv
    import mido
    by_name = {d["name"]: d for d in songs}
    rows = []
    for manifest in manifests:
        with open(manifest) as f:
            for r in csv.DictReader(f, delimiter="\t"):
                d = by_name.get(r["name"])
                if d is None or not r["path_in_package"].endswith(".mid"):
                    continue
                try:
                    midi = mido.MidiFile(r["path_in_package"], clip=True)
                except (OSError, ValueError, KeyError, mido.midifiles.meta.KeySignatureError):
                    continue  # not installed, or a file mido cannot read
                first, signature = None, False
                for track in midi.tracks:
                    t = 0
                    for msg in track:
                        t += msg.time
                        signature |= msg.type == "time_signature"
                        if msg.type == "note_on" and msg.velocity > 0:
                            first = t if first is None else min(first, t)
                if first is not None:
                    rows.append((signature, first / midi.ticks_per_beat, r["name"], loss_class(d), d["dbf"]))
    for signature, first, name, cls, dbf in sorted(rows):
        print("%-30s time signature %-3s first note %5.2f beats after tick 0  %-8s DbF %.2f" % (
            name, "yes" if signature else "no", first, cls, dbf))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dumps", nargs="+")
    p.add_argument("--split")
    p.add_argument("--set")
    p.add_argument("--list", action="store_true")
    p.add_argument("--cues", action="store_true")
    p.add_argument("--midi-audit", nargs="+", metavar="MANIFEST")
    a = p.parse_args()
    songs = load(a.dumps, a.split, a.set)
    if a.midi_audit:
        midi_audit(songs, a.midi_audit)
    elif a.cues:
        cue_sweep(songs)
    else:
        breakdown(songs, a.list)


if __name__ == "__main__":
    main()
