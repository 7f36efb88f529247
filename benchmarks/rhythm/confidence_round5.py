#!/usr/bin/python3
"""Fifth confidence round (issue 11): the analysis' own decision statistics as evidence that the grid is right.

Reads the output of one benchmark run with the per-file confidence parts (BEAT_CONF=1) and the committee and the
held/halves self-consistency at every histogram bin count 30..50 (BEAT_CONFVAR=1 BEAT_CONFVAR_BINS=1):
  BEAT_CONF=1 BEAT_CONFVAR=1 BEAT_CONFVAR_BINS=1 BEATS_DEV=/work/shared/data/beats-dev [BEATS_EXTRA=SET] \
      dotnet run -c Release --project benchmarks/VideoKit.Benchmarks -- beat-accuracy --quiet > OUT
Usage: confidence_round5.py OUT [--list]

Every form is the shipped confidence (committee agreement x self-consistency, recomputed at each bin count) times a
fixed function of one decision statistic; nothing is fitted, so every file's score is held out and the pooled figure
is the 99-file figure. Printed for the development folds: Spearman rho with F pooled (per fold) and the AUC for
F < 0.8 at 40 bins, the same as mean [min, max] over 30..50 bins, and the files under the 0.7 warning threshold;
for the extra set (the BEATS_EXTRA files) the same on one set. The decision statistics (confidence parts):
  level margin   log-score of the chosen metrical level minus the best other candidate (lv0.5 / lv1 / lv2, levelFactor);
                 levelP = softmax of the scores (the analysis' own probability of its level)
  onset z        how clearly every onset register (kick, middle, top) lands on the final grid's beats rather than its
                 off-beats, in standard errors (effect size x sqrt(beats)); the half-beat check is asked only below 2
  phase margin   harmony/0.5 + bars/0.5 + kick/2.5 for the final grid's beats against its off-beats (the half-beat
                 check's sum), in units of the check's own margin 0.6 x sqrt(max(1, 60 / beats))
  meter margin   the chosen meter's chance-corrected bar contrast minus the runner-up's
  tempo spread   SD of log2 of the tracker's beat tempi
"""
import math
import statistics
import sys


def parse(path):
    dev, extra, bins, xbins = {}, {}, {}, {}
    for line in open(path):
        p = line.split()
        if not p:
            continue
        if p[0] == 'CONF':
            is_extra = p[2] == 'extra'
            d = dict(name=p[1], fold=-1 if is_extra else int(p[2]), F=float(p[3]), conf=float(p[4]))
            for kv in p[5:]:
                if '=' in kv:
                    k, v = kv.split('=', 1)
                    try:
                        d[k] = float(v)
                    except ValueError:
                        d[k] = v
            (extra if is_extra else dev)[p[1]] = d
        elif p[0] in ('BINS', 'XBINS'):
            i = p.index('|')
            (bins if p[0] == 'BINS' else xbins)[p[1]] = ([float(x) for x in p[4:i]], [float(x) for x in p[i + 1:]])
    return dev, extra, bins, xbins


def ranks(x):
    order = sorted(range(len(x)), key=lambda i: x[i])
    r = [0.0] * len(x)
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and x[order[j + 1]] == x[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2
        i = j + 1
    return r


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va, vb = sum((x - ma) ** 2 for x in ra), sum((y - mb) ** 2 for y in rb)
    return cov / math.sqrt(va * vb) if va > 0 and vb > 0 else 0.0


def auc(conf, f):
    wins, pairs = 0.0, 0
    for i in range(len(f)):
        if f[i] >= 0.8:
            continue
        for j in range(len(f)):
            if f[j] >= 0.8:
                wins += 1 if conf[i] < conf[j] else 0.5 if conf[i] == conf[j] else 0
                pairs += 1
    return wins / pairs if pairs else float('nan')


def phi(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def signals(d):
    s = {}
    levels = {k: d[k] for k in ('lv0.5', 'lv1', 'lv2') if k in d}
    factor = d.get('levelFactor', 0)
    if len(levels) > 1 and factor:
        key = 'lv' + ('0.5' if factor == 0.5 else str(int(factor)))
        s['level margin'] = levels[key] - max(v for k, v in levels.items() if k != key)
        s['levelP'] = d['levelP']
    else:
        s['level margin'], s['levelP'] = float('nan'), 1.0
    n = d.get('pN', 0)
    moved = d.get('pMoved', 0) > 0
    cues = [d.get('pKick', 0), d.get('pMid', 0), d.get('pHigh', 0)]
    if n >= 6:
        # the cues were measured on the grid before a half-beat move; for the final grid they change sign
        s['onset z'] = (min(cues) if moved else -max(cues)) * math.sqrt(n)
        total = d['pHarm'] / 0.5 + d['pBar'] / 0.5 + d['pKick'] / 2.5
        s['phase margin'] = (total if moved else -total) / (0.6 * math.sqrt(max(1, 60 / n)))
    else:
        s['onset z'] = s['phase margin'] = float('nan')
    s['meter margin'] = d.get('meterMargin', 0)
    s['tempo spread'] = d.get('tempoSd', 0)
    return s


def p_phase(s):
    """P(phase right): 1 when the onsets settled the phase (the check was not asked), else Phi(phase margin)."""
    if math.isnan(s['onset z']) or s['onset z'] > 2:
        return 1.0
    return phi(s['phase margin'])


FORMS = [
    ('shipped: committee x self-consistency', lambda s: 1.0),
    ('x levelP (softmax of the level scores)', lambda s: s['levelP']),
    ('x sqrt(levelP)', lambda s: math.sqrt(s['levelP'])),
    ('x logistic(level margin / 2)', lambda s: 1.0 if math.isnan(s['level margin']) else 1 / (1 + math.exp(-s['level margin'] / 2))),
    ('x P(phase) = Phi(phase margin) when the check decided', p_phase),
    ('x min(1, 2 P(phase))', lambda s: min(1.0, 2 * p_phase(s))),
    ('x levelP x P(phase)', lambda s: s['levelP'] * p_phase(s)),
    ('x levelP x min(1, 2 P(phase))', lambda s: s['levelP'] * min(1.0, 2 * p_phase(s))),
    ('x logistic(meter margin)', lambda s: 1 / (1 + math.exp(-s['meter margin']))),
    ('x exp(-tempo spread / 0.2 octave)', lambda s: math.exp(-s['tempo spread'] / 0.2)),
]


def summarise(label, rows, bins, folds):
    names = sorted(n for n in rows if n in bins)
    f = [rows[n]['F'] for n in names]
    fold = [rows[n]['fold'] for n in names]
    sig = [signals(rows[n]) for n in names]
    print(f'{label} ({len(names)} files, {sum(x < 0.8 for x in f)} with F < 0.8): rho pooled (per fold) and AUC F < 0.8 '
          f'at 40 bins | over 30-50 bins: mean [min, max] (per-fold means), AUC mean | under 0.7: files (F < 0.8 among them)')
    for key in ('level margin', 'levelP', 'onset z', 'phase margin', 'meter margin', 'tempo spread'):
        v = [s[key] if not math.isnan(s[key]) else 99 for s in sig]
        print(f'  {key + " alone":58} rho {spearman(v, f):+.3f} AUC {auc(v, f):.2f}')
    for form, factor in FORMS:
        pooled, aucs, per_fold = [], [], {k: [] for k in folds}
        at40 = ''
        for b in range(21):
            conf = [bins[n][0][b] * bins[n][1][b] * factor(sig[i]) for i, n in enumerate(names)]
            pooled.append(spearman(conf, f))
            aucs.append(auc(conf, f))
            for k in folds:
                idx = [i for i in range(len(names)) if fold[i] == k]
                per_fold[k].append((spearman([conf[i] for i in idx], [f[i] for i in idx]), auc([conf[i] for i in idx], [f[i] for i in idx])))
            if b == 10:
                detail = ' / '.join(f'{per_fold[k][-1][0]:+.3f}' for k in folds) if len(folds) > 1 else ''
                fauc = ' / '.join(f'{per_fold[k][-1][1]:.2f}' for k in folds) if len(folds) > 1 else ''
                at40 = f'{pooled[-1]:+.3f}' + (f' ({detail})' if detail else '') + f' AUC {aucs[-1]:.2f}' + (f' ({fauc})' if fauc else '')
        means = ' / '.join(f'{statistics.mean(v[0] for v in per_fold[k]):+.3f}' for k in folds) if len(folds) > 1 else ''
        analysed = [rows[n]['conf'] * factor(sig[i]) for i, n in enumerate(names)]
        below = [i for i in range(len(names)) if analysed[i] < 0.7]
        print(f'  {form:58} {at40} | {statistics.mean(pooled):+.3f} [{min(pooled):+.2f}, {max(pooled):+.2f}]'
              + (f' ({means})' if means else '') + f' AUC {statistics.mean(aucs):.2f} | {len(below)} ({sum(f[i] < 0.8 for i in below)})')
    if '--list' in sys.argv:
        for i in sorted(range(len(names)), key=lambda i: f[i]):
            if f[i] < 0.8:
                s = sig[i]
                print(f'    {names[i][:28]:28} F {f[i]:.3f} conf {rows[names[i]]["conf"]:.3f} level margin {s["level margin"]:.2f} '
                      f'levelP {s["levelP"]:.2f} onset z {s["onset z"]:.1f} phase margin {s["phase margin"]:.2f} meter margin {s["meter margin"]:.2f}')


def main():
    dev, extra, bins, xbins = parse(sys.argv[1])
    if dev:
        summarise('development folds', dev, bins, [0, 1, 2])
    if extra:
        summarise('extra set', extra, xbins, [-1])


if __name__ == '__main__':
    main()
