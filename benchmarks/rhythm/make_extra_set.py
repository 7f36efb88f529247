#!/usr/bin/python3
"""Builds beats-extra: an independent held-out beat-tracking set made the same way as shared/data/beats-dev, from pieces
of Debian 12 packages that neither shared/data/beats nor beats-dev uses.

Usage: make_extra_set.py OUT [KIND...]   (KIND: midi tracker lmms hydrogen real; default all)

Writes OUT/NAME.flac (30 s, mono, 22 050 Hz, 16 bit), NAME.beats, NAME.downbeats, manifest.tsv (the beats-dev columns) and
checks.tsv (the onset check of every kept excerpt, and every rejected candidate with the reason). Renders are cached in
OUT/work. Every sox call runs with -R (repeatable dither), so a rebuild gives the same files bit for bit. Needs only Debian packages (see make-extra-set.sh). Nothing here looks at any beat tracker's output.
"""
import ctypes
import gzip
import hashlib
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib

import mido
import numpy as np

SR = 22050
EXCERPT = 30.0
HOP = 64  # 2.9 ms at 22 050 Hz

# ----------------------------------------------------------------------------------------------------------------------
# Candidates. Every piece is absent from shared/data/beats and beats-dev (checked against both manifests at run time).

SOUNDFONTS = [
    ("FluidR3_GM.sf2 (fluid-soundfont-gm=3.1-5.3)", "/usr/share/sounds/sf2/FluidR3_GM.sf2"),
    ("TimGM6mb.sf2 (timgm6mb-soundfont=1.3-5)", "/usr/share/sounds/sf2/TimGM6mb.sf2"),
    ("MuseScore_General_Lite.sf3 (musescore-general-soundfont-small=0.2.1-1)", "/usr/share/sounds/sf3/MuseScore_General_Lite.sf3"),
    ("OPL-3_FM_128M.sf2 (opl3-soundfont=1.0-4)", "/usr/share/sounds/sf2/OPL-3_FM_128M.sf2"),
    ("sf_GMbank.sf2 (csound-soundfont=1:6.18.1+dfsg-1)", "/usr/share/sounds/sf2/sf_GMbank.sf2"),
]

OMSX = "/usr/share/games/openttd/baseset/openmsx/"
SIMU = "/usr/share/games/simutrans/music/"
MIDI = [  # (name, package, path, style, author, licence, bar offset in quarters)
    ("omsx_be_sharp", "openttd-openmsx", OMSX + "be_sharp_bw_redfarn.mid", "game/jazz", "Redfarn (OpenMSX)", "GPL-2"),
    ("omsx_boogi_marabi", "openttd-openmsx", OMSX + "boogi_marabi_redfarn.mid", "game/boogie", "Redfarn (OpenMSX)", "GPL-2"),
    ("omsx_busy_schedule", "openttd-openmsx", OMSX + "busy_schedule.mid", "game/pop", "OpenMSX authors", "GPL-2"),
    ("omsx_flying_scotsman", "openttd-openmsx", OMSX + "flying_scotsman.mid", "game/pop", "OpenMSX authors", "GPL-2"),
    ("omsx_keep_on_rolling", "openttd-openmsx", OMSX + "keep_on_rolling.mid", "game/pop", "OpenMSX authors", "GPL-2"),
    ("omsx_mighty_giant", "openttd-openmsx", OMSX + "mighty_giant_run.mid", "game/pop", "OpenMSX authors", "GPL-2"),
    ("omsx_moo", "openttd-openmsx", OMSX + "moo_redfarn.mid", "game", "Redfarn (OpenMSX)", "GPL-2"),
    ("omsx_no_work_song", "openttd-openmsx", OMSX + "no_work_song_redfarn.mid", "game", "Redfarn (OpenMSX)", "GPL-2"),
    ("omsx_run_for_your_life", "openttd-openmsx", OMSX + "run_for_your_life.mid", "game/pop", "OpenMSX authors", "GPL-2"),
    ("omsx_slow_neasy", "openttd-openmsx", OMSX + "slow_neasy_redfarn.mid", "game/slow", "Redfarn (OpenMSX)", "GPL-2"),
    ("omsx_fast_route", "openttd-openmsx", OMSX + "the_fast_route.mid", "game/fast", "OpenMSX authors", "GPL-2"),
    ("omsx_ttsong_iv", "openttd-openmsx", OMSX + "ttsong_iv_imuh3.mid", "game", "OpenMSX authors", "GPL-2"),
    ("omsx_tttheme2", "openttd-openmsx", OMSX + "tttheme2.mid", "game/theme", "OpenMSX authors", "GPL-2"),
    ("omsx_ultimate_run", "openttd-openmsx", OMSX + "ultimate_run.mid", "game/fast", "OpenMSX authors", "GPL-2"),
    ("dink_7", "freedink-data", "/usr/share/games/dink/dink/Sound/7.mid", "game (Darklands)", "Joshua O'Leary", "GPL-3+ (README-REPLACEMENTS)"),
    ("simu_sunday_drivers", "simutrans-data", SIMU + "03-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_journey_home", "simutrans-data", SIMU + "08-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_easy_driving", "simutrans-data", SIMU + "10-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_stephenson_blues", "simutrans-data", SIMU + "13-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_rockin_trucker", "simutrans-data", SIMU + "19-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_needlessly_striking", "simutrans-data", SIMU + "24-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_road_warm_places", "simutrans-data", SIMU + "28-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_times_gone_by", "simutrans-data", SIMU + "33-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_inevitably_engrossed", "simutrans-data", SIMU + "37-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_above_the_sky", "simutrans-data", SIMU + "44-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_house_in_station", "simutrans-data", SIMU + "46-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_snowy_road", "simutrans-data", SIMU + "50-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_b_theme", "simutrans-data", SIMU + "04-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_simupolitan_swing", "simutrans-data", SIMU + "09-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_midnight_express2", "simutrans-data", SIMU + "16-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_variable_journeys", "simutrans-data", SIMU + "22-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_march_winds", "simutrans-data", SIMU + "27-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_runaway", "simutrans-data", SIMU + "29-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_incidental_skies", "simutrans-data", SIMU + "32-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_flyingaway", "simutrans-data", SIMU + "34-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_positive_thrill", "simutrans-data", SIMU + "38-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_midnight_highway", "simutrans-data", SIMU + "43-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_misty_forest", "simutrans-data", SIMU + "45-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_salty_breeze", "simutrans-data", SIMU + "47-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_last_sunday", "simutrans-data", SIMU + "49-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_oriental_nights", "simutrans-data", SIMU + "52-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("simu_thomassons", "simutrans-data", SIMU + "53-*.mid", "game", "Simutrans music authors", "Artistic-1.0"),
    ("blupi_001", "planetblupi-music-midi", "/usr/share/planetblupi/music/music001.mid", "game", "Planet Blupi authors", "GPL-3+"),
    ("blupi_005", "planetblupi-music-midi", "/usr/share/planetblupi/music/music005.mid", "game", "Planet Blupi authors", "GPL-3+"),
    ("blupi_007", "planetblupi-music-midi", "/usr/share/planetblupi/music/music007.mid", "game", "Planet Blupi authors", "GPL-3+"),
    ("pb_lavenders_blue", "pianobooster", "/usr/share/doc/pianobooster/courses/BoosterMusic/02-LavendersBlue.mid", "folk song, piano", "Louis J. Barman (arrangement)", "CC-BY"),
    ("pb_scarborough_fair", "pianobooster", "/usr/share/doc/pianobooster/courses/BoosterMusic/05-ScarboroughFair.mid.gz", "folk song, piano", "Louis J. Barman (arrangement)", "CC-BY"),
    ("pb_clair_de_la_lune", "pianobooster", "/usr/share/doc/pianobooster/courses/BoosterMusic/01-ClairDeLaLune.mid", "folk song, piano", "Louis J. Barman (arrangement)", "CC-BY"),
    ("mma_rock1", "mma", "/usr/share/mma/lib/pflib/rock1.mid", "MMA pattern demo: rock", "Bob van der Poel", "GPL-2+", "mma"),
    ("mma_slowrock", "mma", "/usr/share/mma/lib/pflib/slowrock.mid", "MMA pattern demo: slow rock", "Bob van der Poel", "GPL-2+", "mma"),
    ("mma_girl", "mma", "/usr/share/doc/mma/examples/aria/girl.mid", "MMA example song", "Bob van der Poel", "GPL-2+", "mma"),
    ("mma_smile", "mma", "/usr/share/doc/mma/examples/harmony/smile.mid", "MMA example song", "Bob van der Poel", "GPL-2+", "mma"),
    ("dink_lively", "freedink-data", "/usr/share/games/dink/dink/Sound/lively.mid", "game", "Dink Smallwood authors", "GPL-3+"),
    ("dink_dance", "freedink-data", "/usr/share/games/dink/dink/Sound/dance.mid", "game", "Dink Smallwood authors", "GPL-3+"),
]

TRACKER = [  # (name, package, path, style)
    ("trk_pingus_cancn", "pingus-data", "/usr/share/games/pingus/data/music/gd-cancn.it", "game"),
    ("trk_pingus_ite", "pingus-data", "/usr/share/games/pingus/data/music/gd-ite.it", "game"),
    ("trk_pingus_matth", "pingus-data", "/usr/share/games/pingus/data/music/gd-matth.it", "game"),
    ("trk_pingus_myla", "pingus-data", "/usr/share/games/pingus/data/music/gd-myla.it", "game"),
    ("trk_pingus_level1", "pingus-data", "/usr/share/games/pingus/data/music/pingus-1.it", "game"),
    ("trk_pingus_level2", "pingus-data", "/usr/share/games/pingus/data/music/pingus-2.it", "game"),
    ("trk_pingus_level4", "pingus-data", "/usr/share/games/pingus/data/music/pingus-4.it", "game"),
    ("trk_pingus_level7", "pingus-data", "/usr/share/games/pingus/data/music/pingus-7.it", "game"),
    ("trk_pingus_level9", "pingus-data", "/usr/share/games/pingus/data/music/pingus-9.it", "game"),
    ("trk_pingus_rough", "pingus-data", "/usr/share/games/pingus/data/music/rough_journey.it", "game"),
    ("trk_binx_00", "biniax2-data", "/usr/share/games/biniax2/music/biniax_common00.it", "game/electronic"),
    ("trk_binx_02", "biniax2-data", "/usr/share/games/biniax2/music/biniax_common02.it", "game/electronic"),
    ("trk_binx_04", "biniax2-data", "/usr/share/games/biniax2/music/biniax_common04.it", "game/electronic"),
    ("trk_tecno_area1", "tecnoballz-data", "/usr/share/games/tecnoballz/musics/area1-game.mod", "game"),
    ("trk_tecno_area2", "tecnoballz-data", "/usr/share/games/tecnoballz/musics/area2-game.mod", "game"),
    ("trk_tecno_area3", "tecnoballz-data", "/usr/share/games/tecnoballz/musics/area3-game.mod", "game"),
    ("trk_tecno_area5", "tecnoballz-data", "/usr/share/games/tecnoballz/musics/area5-game.mod", "game"),
    ("trk_tecno_termigator", "tecnoballz-data", "/usr/share/games/tecnoballz/musics/termigator_reg-zbb.mod", "game"),
    ("trk_tecno_lapin", "tecnoballz-data", "/usr/share/games/tecnoballz/musics/mon-lapin_reg-zbb.mod", "game"),
]
TRACKER_LICENCE = {"pingus-data": "GPL-2+", "biniax2-data": "ZLib", "tecnoballz-data": "GPL-3+"}

LMMSDIR = "/usr/share/lmms/projects/"
LMMS = [
    ("lmms_mauiwowi", LMMSDIR + "demos/Alf42red-Mauiwowi.mmpz"),
    ("lmms_zen", LMMSDIR + "demos/Impulslogik-Zen.mmpz"),
    ("lmms_buzzer_beater", LMMSDIR + "demos/Jousboxx-BuzzerBeater.mmpz"),
    ("lmms_esp", LMMSDIR + "demos/Momo64-esp.mmpz"),
    ("lmms_inner_recreation", LMMSDIR + "demos/Settel-InnerRecreation.mmpz"),
    ("lmms_progress", LMMSDIR + "demos/Socceroos-Progress.mmpz"),
    ("lmms_make_me", LMMSDIR + "demos/TameAnderson-MakeMe.mmpz"),
    ("lmms_reggae_try", LMMSDIR + "demos/CapDan/CapDan-ReggaeTry.mmpz"),
    ("lmms_222", LMMSDIR + "shorties/Skiessi-222.mmpz"),
]

H2DIR = "/usr/share/hydrogen/data/demo_songs/"
HYDROGEN = [
    ("h2_demo2", H2DIR + "GM_kit_demo2.h2song"),
    ("h2_diddley", H2DIR + "GM_kit_Diddley.h2song"),
    ("h2_georgyporgy", H2DIR + "tutorial_georgyporgy.h2song"),
]

FOF = "/usr/share/games/fretsonfire/data/songs/"
REAL = [  # (name, package, folder, style, author)
    ("fof_armygeddon", "fretsonfire-songs-muldjord", FOF + "muldjord/armygeddon/", "metal (Muldjord)", "El Senator / Muldjord (composition, performance, chart)"),
    ("fof_internal_degeneration", "fretsonfire-songs-muldjord", FOF + "muldjord/internal_degeneration/", "metal (Muldjord)", "El Senator / Muldjord (composition, performance, chart)"),
    ("fof_metal_madness", "fretsonfire-songs-sectoid", FOF + "sectoid/Metal madness/", "instrumental metal (Sectoid)", "Sectoid (composition, performance, chart)"),
    ("fof_war_of_freedom", "fretsonfire-songs-sectoid", FOF + "sectoid/War of freedom/", "instrumental metal (Sectoid)", "Sectoid (composition, performance, chart)"),
    ("fof_mutilated_mime", "fretsonfire-songs-muldjord", FOF + "muldjord/mutilated_mime/", "metal (Muldjord)", "El Senator / Muldjord (composition, performance, chart)"),
]
# A chart whose beats sit a constant 25-35 ms before the recording's onsets (all windows within 6 ms of each other) is
# kept: a tempo-map error would drift, a constant offset is well inside the +-70 ms F window. Renders keep the -30..+15 rule.
REAL_MAX_LAG = 35.0
REAL_LICENCE = {"fretsonfire-songs-muldjord": "CC-BY-SA-3.0", "fretsonfire-songs-sectoid": "Expat"}

DEGRADATIONS = [
    ("mp3 128k round trip (ffmpeg libmp3lame)", "mp3"),
    ("low-pass 3 kHz (sox lowpass 3000)", "lowpass"),
    ("reverb (sox reverb 40)", "reverb"),
    ("gain: peak -20 dBFS instead of -1 dBFS", "quiet"),
]

COLUMNS = ["name", "source_package", "path_in_package", "excerpt_start_s", "duration_s", "tempo_bpm", "tempo_min_bpm",
           "tempo_max_bpm", "tempo_changes", "meter", "meter_source", "drums", "kind", "render", "degradation", "category",
           "n_beats", "n_downbeats", "style", "author", "licence"]


def run(cmd, **kw):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def version(package):
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return f"{package}={out.stdout.strip()}" if out.returncode == 0 else package


def glob1(pattern):
    import glob
    found = sorted(glob.glob(pattern))
    return found[0] if found else None


def used_paths(shared):
    used = set()
    for sub in ("beats", "beats-dev"):
        path = os.path.join(shared, sub, "manifest.tsv")
        if not os.path.exists(path):
            continue
        with open(path) as f:
            header = f.readline().rstrip("\n").split("\t")
            col = header.index("path_in_package")
            for line in f:
                used.add(os.path.normpath(line.rstrip("\n").split("\t")[col]))
    return used


def read_audio(path):
    """Mono float32 at 22 050 Hz via sox."""
    raw = subprocess.run(["sox", "-V1", "-R", path, "-t", "f32", "-r", str(SR), "-c", "1", "-"], check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype=np.float32).copy()


# ----------------------------------------------------------------------------------------------------------------------
# Onset check (independent of any tracker): log spectral flux with a 2.9 ms hop, averaged around ground-truth beats.

def onset_envelope(x):
    x = x / (np.sqrt(np.mean(x * x)) + 1e-9)
    n = 1024
    frames = 1 + (len(x) - n) // HOP
    idx = np.arange(n)[None, :] + HOP * np.arange(frames)[:, None]
    spec = np.abs(np.fft.rfft(x[idx] * np.hanning(n), axis=1))
    logs = np.log1p(10.0 * spec)
    flux = np.maximum(0.0, np.diff(logs, axis=0)).sum(axis=1)
    return np.concatenate([[0.0], flux])  # frame k covers the window centred at k*HOP + n/2; flux rises at the onset


def onset_check(x, beats):
    env = onset_envelope(x)
    centre = 512 / SR  # window centre offset
    fps = SR / HOP

    def at(times, lag):
        k = np.round((np.asarray(times) + lag - centre) * fps).astype(int)
        k = k[(k >= 0) & (k < len(env))]
        return env[k].mean() if len(k) else 0.0

    lags = np.arange(-120, 121, 1000 / fps) / 1000.0
    b = [t for t in beats if 0.2 < t < EXCERPT - 0.2]

    def best(times):
        prof = [at(times, l) for l in lags]
        return lags[int(np.argmax(prof))] * 1000.0

    lag = best(b)
    windows = [best([t for t in b if w * 10 <= t < (w + 1) * 10]) for w in range(3)]

    rng = np.random.default_rng(1)
    onbeat = at(b, lag / 1000.0)
    rand = at(rng.uniform(0.2, EXCERPT - 0.2, 2000), 0.0)
    off = at([0.5 * (b[i] + b[i + 1]) for i in range(len(b) - 1)], lag / 1000.0)
    frame = SR
    rms = np.sqrt(np.mean(x * x))
    quiet = sum(1 for i in range(0, len(x) - frame + 1, frame) if np.sqrt(np.mean(x[i:i + frame] ** 2)) < rms * 10 ** (-30 / 20))
    return dict(beat_lag_ms=lag, window_lags_ms=windows, onbeat_over_random=onbeat / (rand + 1e-9),
                onbeat_over_offbeat=onbeat / (off + 1e-9), quiet_seconds=quiet)


def verdict(check, beats, max_lag=15.0):
    ibi = np.diff(beats)
    bpm = 60.0 / np.median(ibi) if len(ibi) else 0
    if not -30 <= check["beat_lag_ms"] <= max_lag:
        return f"lag {check['beat_lag_ms']:+.0f} ms outside -30..+{max_lag:.0f}"
    if max(check["window_lags_ms"]) - min(check["window_lags_ms"]) > 15:
        return f"window lags drift {check['window_lags_ms']}"
    if check["onbeat_over_random"] < 1.5:
        return f"beat contrast {check['onbeat_over_random']:.2f} < 1.5"
    if check["quiet_seconds"] > 0:
        return f"{check['quiet_seconds']} silent seconds"
    if not 50 <= bpm <= 200:
        return f"tempo {bpm:.0f} outside 50..200"
    return None


# ----------------------------------------------------------------------------------------------------------------------
# Excerpt writing

def choose_start(first_note, end):
    start = first_note + 0.25 * (end - first_note)
    start = min(max(start, 5.0), 30.0)
    if start + EXCERPT > end - 0.5:
        start = end - 0.5 - EXCERPT
    return start if start >= 5.0 else None


def cut(src_wav, start, dst_wav):
    run(["sox", "-V1", "-R", src_wav, "-r", str(SR), "-c", "1", "-b", "16", dst_wav, "remix", "-", "trim", f"{start:.6f}", str(EXCERPT),
         "norm", "-1", "fade", "h", "0.02", str(EXCERPT), "0.1"])


def degrade(clean_wav, how, dst_flac, work):
    if how == "mp3":
        mp3 = os.path.join(work, "tmp.mp3")
        run(["ffmpeg", "-y", "-v", "error", "-i", clean_wav, "-c:a", "libmp3lame", "-b:a", "128k", mp3])
        back = os.path.join(work, "tmp_back.wav")
        run(["ffmpeg", "-y", "-v", "error", "-i", mp3, "-ar", str(SR), "-ac", "1", back])
        a, b = read_audio(clean_wav), read_audio(back)
        # codec delay by cross-correlation (libmp3lame through ffmpeg trims its own delay; checked, not assumed)
        cc = np.correlate(b[SR * 5:SR * 25], a[SR * 5 - 2000:SR * 25 + 2000], mode="valid")
        delay = 2000 - int(np.argmax(cc))  # samples b lags a
        run(["sox", "-V1", "-R", back, "-b", "16", dst_flac, "trim", f"{max(delay, 0)}s", "pad", "0", f"{max(delay, 0)}s", "trim", "0", str(EXCERPT)])
        return f"mp3 128k round trip (ffmpeg libmp3lame; measured delay {delay} samples{', removed' if delay else ''})"
    if how == "lowpass":
        run(["sox", "-V1", "-R", clean_wav, "-b", "16", dst_flac, "lowpass", "3000", "norm", "-1"])
        return "low-pass 3 kHz (sox lowpass 3000)"
    if how == "reverb":
        run(["sox", "-V1", "-R", clean_wav, "-b", "16", dst_flac, "reverb", "40", "norm", "-1", "trim", "0", str(EXCERPT)])
        return "reverb (sox reverb 40)"
    run(["sox", "-V1", "-R", clean_wav, "-b", "16", dst_flac, "norm", "-20"])
    return "gain: peak -20 dBFS instead of -1 dBFS"


def write_times(path, times):
    with open(path, "w") as f:
        for t in times:
            f.write(f"{t:.6f}\n")


class Builder:
    def __init__(self, out):
        self.out = out
        self.work = os.path.join(out, "work")
        os.makedirs(self.work, exist_ok=True)
        self.rows = []
        self.checks = []

    def add(self, name, render_wav, start, beats, downbeats, meta):
        """Cuts the excerpt, checks it against its beats and keeps it (clean; degradation is applied later)."""
        b = [t - start for t in beats if start <= t < start + EXCERPT]
        d = [t - start for t in downbeats if start <= t < start + EXCERPT]
        clean = os.path.join(self.work, name + ".clean.wav")
        cut(render_wav, start, clean)
        x = read_audio(clean)
        c = onset_check(x, b)
        reason = verdict(c, b, meta.pop("max_lag", 15.0))
        kick = meta.pop("kick", None)
        if reason is None and meta.pop("require_contrast", None) and c["onbeat_over_offbeat"] < 1.0:
            reason = f"on/off-beat contrast {c['onbeat_over_offbeat']:.2f} < 1 and the phase cannot be confirmed from a score"
        elif reason is None and c["onbeat_over_offbeat"] < 1.0:
            # As for beats-dev: an excerpt whose off-beats sound stronger is kept only if the source's kick sits on the beats.
            if kick is None or kick[0] <= kick[1]:
                reason = (f"on/off-beat contrast {c['onbeat_over_offbeat']:.2f} < 1 and the source's kick does not confirm the phase"
                          f" (kicks on beat / half-beat: {kick[0] if kick else '?'} / {kick[1] if kick else '?'})")
        self.checks.append((name, c, reason or "kept"))
        print(f"{name:28s} start {start:6.2f} lag {c['beat_lag_ms']:+6.1f} win {','.join(f'{w:+.0f}' for w in c['window_lags_ms'])} "
              f"rand {c['onbeat_over_random']:5.2f} off {c['onbeat_over_offbeat']:5.2f} -> {reason or 'kept'}", flush=True)
        if reason:
            return False
        ibi = np.diff(b)
        bpms = 60.0 / ibi
        row = dict(meta)
        row.update(name=name, excerpt_start_s=f"{start:.3f}", duration_s="30", tempo_bpm=f"{60 / np.median(ibi):.1f}",
                   tempo_min_bpm=f"{np.percentile(bpms, 5):.1f}", tempo_max_bpm=f"{np.percentile(bpms, 95):.1f}",
                   tempo_changes="yes" if np.percentile(bpms, 95) > 1.04 * np.percentile(bpms, 5) else "no",
                   degradation="none", n_beats=str(len(b)), n_downbeats=str(len(d)))
        row["_clean"] = clean
        self.rows.append(row)
        write_times(os.path.join(self.out, name + ".beats"), b)
        write_times(os.path.join(self.out, name + ".downbeats"), d)
        return True

    def finish(self):
        # About a third of the rendered (not recorded) excerpts get one degradation, chosen by a hash of the name alone
        # (so adding a piece never changes another's).
        degrade_names = {}
        for r in self.rows:
            h = int(hashlib.sha1(r["name"].encode()).hexdigest(), 16)
            if not r["kind"].startswith("real") and h % 3 == 0:
                degrade_names[r["name"]] = DEGRADATIONS[(h // 3) % 4][1]
        for r in self.rows:
            flac = os.path.join(self.out, r["name"] + ".flac")
            how = degrade_names.get(r["name"])
            if how:
                r["degradation"] = degrade(r["_clean"], how, flac, self.work)
            else:
                run(["sox", "-V1", "-R", r["_clean"], "-b", "16", flac])
            r["category"] = "degraded" if how else r["category"]
        rows = sorted(self.rows, key=lambda r: r["name"])
        with open(os.path.join(self.out, "manifest.tsv"), "w") as f:
            f.write("\t".join(COLUMNS) + "\n")
            for r in rows:
                f.write("\t".join(str(r.get(c, "")) for c in COLUMNS) + "\n")
        with open(os.path.join(self.out, "checks.tsv"), "w") as f:
            f.write("name\tbeat_lag_ms\twindow_lags_ms\tonbeat_over_random\tonbeat_over_offbeat\tquiet_seconds\tverdict\n")
            for name, c, v in sorted(self.checks):
                f.write(f"{name}\t{c['beat_lag_ms']:+.0f}\t{','.join(f'{w:+.0f}' for w in c['window_lags_ms'])}\t"
                        f"{c['onbeat_over_random']:.2f}\t{c['onbeat_over_offbeat']:.2f}\t{c['quiet_seconds']}\t{v}\n")


# ----------------------------------------------------------------------------------------------------------------------
# MIDI: fluidsynth render of the merged file; beats from the tempo map and time signatures.

def midi_grid(mid, bar_offset_ticks=0):
    tpb = mid.ticks_per_beat
    events, tick = [], 0
    for msg in mido.merge_tracks(mid.tracks):
        tick += msg.time
        events.append((tick, msg))
    tempos = [(0, 500000)]
    sigs = []
    first_note, last_tick = None, 0
    for t, m in events:
        if m.type == "set_tempo":
            if t == tempos[-1][0]:
                tempos[-1] = (t, m.tempo)
            else:
                tempos.append((t, m.tempo))
        elif m.type == "time_signature":
            if sigs and sigs[-1][0] == t:
                sigs[-1] = (t, m.numerator, m.denominator)
            elif not sigs or (sigs[-1][1], sigs[-1][2]) != (m.numerator, m.denominator):
                sigs.append((t, m.numerator, m.denominator))
        elif m.type == "note_on" and m.velocity > 0:
            first_note = t if first_note is None else first_note
        if m.type in ("note_on", "note_off"):
            last_tick = t
    source = "time_signature events"
    if not sigs or sigs[0][0] > 0:
        sigs.insert(0, (0, 4, 4))
        source = "MIDI default 4/4 from tick 0" if len(sigs) == 1 else "4/4 until the first time_signature event"

    def seconds(tk):
        s, prev_t, prev_tempo = 0.0, 0, tempos[0][1]
        for t, tempo in tempos[1:]:
            if t >= tk:
                break
            s += (t - prev_t) * prev_tempo / 1e6 / tpb
            prev_t, prev_tempo = t, tempo
        return s + (tk - prev_t) * prev_tempo / 1e6 / tpb

    beats, downs, meters = [], [], []
    for i, (t0, num, den) in enumerate(sigs):
        t_end = sigs[i + 1][0] if i + 1 < len(sigs) else last_tick
        if den == 8 and num % 3 == 0 and num >= 6:
            unit, per_bar = tpb * 3 // 2, num // 3
        else:
            unit, per_bar = tpb * 4 // den, num
        meters.append((seconds(t0), f"{num}/{den}"))
        start = t0 + (bar_offset_ticks if i == 0 else 0)
        k, t = 0, start
        while t <= t_end:
            beats.append(seconds(t))
            if k % per_bar == 0:
                downs.append(seconds(t))
            k += 1
            t = start + k * unit
    return beats, downs, seconds(first_note or 0), seconds(last_tick), meters, source, tempos


def midi_kicks(merged, beats):
    """Bass-drum notes (GM 35/36, channel 10) within 30 ms of a ground-truth beat, and within 30 ms of a half-beat."""
    tpb, tick, tempo, sec, prev = merged.ticks_per_beat, 0, 500000, 0.0, 0
    times = []
    for msg in merged.tracks[0]:
        tick += msg.time
        sec += (tick - prev) * tempo / 1e6 / tpb
        prev = tick
        if msg.type == "set_tempo":
            tempo = msg.tempo
        elif msg.type == "note_on" and msg.velocity > 0 and msg.channel == 9 and msg.note in (35, 36):
            times.append(sec)
    b = np.asarray(beats)
    half = (b[1:] + b[:-1]) / 2
    near = lambda grid, t: len(grid) > 0 and np.min(np.abs(grid - t)) < 0.03
    return sum(near(b, t) for t in times), sum(near(half, t) for t in times)


def lmms_kicks(root, bpm, beats):
    """Notes of LMMS tracks named like a kick/bass drum, on the beat (tick multiple of 48) and on the half-beat (+24)."""
    on = half = 0
    for track in root.iter("track"):
        if not re.search(r"kick|bd|bass ?drum", track.get("name", ""), re.I):
            continue
        for pattern in track.iter("pattern"):
            base = int(pattern.get("pos", 0))
            for note in pattern.iter("note"):
                t = (base + int(note.get("pos", 0))) % 48
                on += t == 0
                half += t == 24
    return (on, half) if on + half > 0 else None


def excerpt_meter(meters, start):
    """The time signature(s) in force during the excerpt (comma-separated if it changes inside)."""
    inside = [m for i, (t, m) in enumerate(meters) if t < start + EXCERPT and (i + 1 == len(meters) or meters[i + 1][0] > start)]
    return ",".join(dict.fromkeys(inside))


def build_midi(bld, used):
    for i, (name, pkg, pattern, style, author, licence, *flags) in enumerate(MIDI):
        path = glob1(pattern)
        if path is None or os.path.normpath(path) in used:
            print(f"{name}: missing or already used ({pattern})")
            continue
        sf_label, sf = SOUNDFONTS[i % len(SOUNDFONTS)]
        if path.endswith(".gz"):
            with gzip.open(path) as f:
                mid = mido.MidiFile(file=f)
        else:
            mid = mido.MidiFile(path)
        merged = mido.MidiFile(ticks_per_beat=mid.ticks_per_beat, type=0)
        merged.tracks.append(mido.merge_tracks(mid.tracks))
        mpath = os.path.join(bld.work, name + ".mid")
        merged.save(mpath)
        wav = os.path.join(bld.work, name + ".render.wav")
        if not os.path.exists(wav):
            run(["fluidsynth", "-ni", "-q", "-g", "0.5", "-r", "44100", "-F", wav, sf, mpath])
        # MMA songs start their first bar one quarter after tick 0.
        offset = mid.ticks_per_beat if "mma" in flags else 0
        beats, downs, first, end, meters, source, tempos = midi_grid(mid, offset)
        if offset:
            source += "; MMA: bars from one quarter after tick 0"
        start = choose_start(first, end)
        if start is None:
            print(f"{name}: too short ({end:.1f} s)")
            continue
        drums = any(m.type == "note_on" and m.channel == 9 and m.velocity > 0 for m in merged.tracks[0])
        kick = midi_kicks(merged, beats)
        meter = excerpt_meter(meters, start)
        bld.add(name, wav, start, beats, downs, dict(
            source_package=version(pkg), path_in_package=path, meter=meter, meter_source=source,
            drums="yes" if drums else "no", kind="midi-render", render=f"fluidsynth {version('fluidsynth').split('=')[1]} + {sf_label}",
            category="midi-drums" if drums else "midi-nodrums", style=style, author=author, kick=kick,
            licence=f"{licence} (debian/copyright)"))


# ----------------------------------------------------------------------------------------------------------------------
# Tracker modules: libopenmpt renders in 16-sample steps and logs the start sample of every row.

def it_highlight(path):
    with open(path, "rb") as f:
        head = f.read(0x20)
    if head[:4] == b"IMPM" and head[0x1E] and head[0x1F]:
        return head[0x1E], head[0x1F], "IT header row highlight"
    return 4, 16, "tracker default 4/16 rows"


def build_tracker(bld, used):
    lib = ctypes.CDLL("libopenmpt.so.0")
    lib.openmpt_module_create_from_memory2.restype = ctypes.c_void_p
    lib.openmpt_module_create_from_memory2.argtypes = [ctypes.c_char_p, ctypes.c_size_t] + [ctypes.c_void_p] * 7
    lib.openmpt_module_read_float_mono.restype = ctypes.c_size_t
    lib.openmpt_module_read_float_mono.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_size_t, ctypes.POINTER(ctypes.c_float)]
    for fn in ("openmpt_module_get_current_row", "openmpt_module_get_current_order", "openmpt_module_get_current_pattern"):
        getattr(lib, fn).restype = ctypes.c_int32
        getattr(lib, fn).argtypes = [ctypes.c_void_p]
    lib.openmpt_module_set_repeat_count.argtypes = [ctypes.c_void_p, ctypes.c_int32]
    lib.openmpt_module_destroy.argtypes = [ctypes.c_void_p]
    rate, step = 44100, 16
    for name, pkg, path, style in TRACKER:
        if not os.path.exists(path) or os.path.normpath(path) in used:
            print(f"{name}: missing or already used")
            continue
        data = open(path, "rb").read()
        mod = lib.openmpt_module_create_from_memory2(data, len(data), None, None, None, None, None, None, None)
        lib.openmpt_module_set_repeat_count(mod, 0)
        buf = (ctypes.c_float * step)()
        chunks, rows, pos, last = [], [], 0, None
        while pos < rate * 240:
            cur = (lib.openmpt_module_get_current_order(mod), lib.openmpt_module_get_current_row(mod))
            if cur != last:
                rows.append((pos, cur[1]))
                last = cur
            n = lib.openmpt_module_read_float_mono(mod, rate, step, buf)
            if n == 0:
                break
            chunks.append(np.frombuffer(buf, dtype=np.float32, count=n).copy())
            pos += n
        lib.openmpt_module_destroy(mod)
        audio = np.concatenate(chunks)
        wav = os.path.join(bld.work, name + ".render.wav")
        raw = os.path.join(bld.work, name + ".f32")
        audio.astype(np.float32).tofile(raw)
        run(["sox", "-V1", "-R", "-t", "f32", "-r", str(rate), "-c", "1", raw, wav, "gain", "-n", "-3"])
        os.remove(raw)
        rpb, rpm, hl_source = it_highlight(path)
        beats = [p / rate for p, r in rows if r % rpb == 0]
        downs = [p / rate for p, r in rows if r % rpm == 0]
        nz = np.nonzero(np.abs(audio) > 1e-3)[0]
        first = nz[0] / rate if len(nz) else 0
        start = choose_start(first, len(audio) / rate)
        if start is None:
            print(f"{name}: too short")
            continue
        meter = f"{rpm // rpb}/4" if rpm % rpb == 0 else f"{rpm}/{rpb} rows"
        bld.add(name, wav, start, beats, downs, dict(
            source_package=version(pkg), path_in_package=path, meter=meter,
            meter_source=f"{hl_source}: {rpb} rows per beat, {rpm} per measure", drums="unknown", kind="tracker-render",
            render=f"libopenmpt {version('libopenmpt0').split('=')[1]} (ctypes, 44.1 kHz mono float; row times logged by the renderer)",
            category="tracker", style=style, author="see module text", licence=f"{TRACKER_LICENCE[pkg]} (debian/copyright)",
            require_contrast=True))


# ----------------------------------------------------------------------------------------------------------------------
# LMMS: `lmms render`; tempo and time signature from the project head (no tempo automation accepted).

def lmms_xml(path):
    data = open(path, "rb").read()
    if path.endswith(".mmpz"):
        data = zlib.decompress(data[4:])
    return ET.fromstring(data)


def build_lmms(bld, used):
    for name, path in LMMS:
        if os.path.normpath(path) in used:
            continue
        root = lmms_xml(path)
        head = root.find("head")
        bpm = float(head.get("bpm"))
        num, den = int(head.get("timesig_numerator", 4)), int(head.get("timesig_denominator", 4))
        # A tempo automation would connect an automation pattern to an id under the head's bpm element.
        automated = head.find("bpm") is not None and head.find("bpm").get("id") in {o.get("id") for o in root.iter("object")}
        if automated:
            print(f"{name}: tempo automated")
            continue
        wav = os.path.join(bld.work, name + ".render.wav")
        if not os.path.exists(wav):
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            subprocess.run(["lmms", "--allowroot", "render", path, "-f", "wav", "-s", "44100", "-o", wav], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
        if not os.path.exists(wav):
            print(f"{name}: render failed")
            continue
        dur = float(subprocess.run(["soxi", "-D", wav], capture_output=True, text=True).stdout)
        per_bar = num * 4 // den if den <= 4 else num
        beats = [k * 60.0 / bpm for k in range(int(dur * bpm / 60) + 1)]
        downs = beats[::max(per_bar, 1)]
        x = read_audio(wav)
        nz = np.nonzero(np.abs(x) > 1e-3)[0]
        start = choose_start(nz[0] / SR if len(nz) else 0, dur)
        if start is None:
            print(f"{name}: too short ({dur:.1f} s)")
            continue
        licence = "see debian/copyright of lmms-common (Artistic-2 / CC-BY-SA / GPL-2+ by project)"
        bld.add(name, wav, start, beats, downs, dict(
            source_package=version("lmms-common"), path_in_package=path, meter=f"{num}/{den}",
            meter_source=f"project head bpm {bpm:g}, timesig {num}/{den}" ,
            drums="yes", kind="lmms-render", render=f"lmms {version('lmms').split('=')[1]} render (44.1 kHz)",
            category="lmms", style="electronic (LMMS demo)", kick=lmms_kicks(root, bpm, beats), author=os.path.basename(path).split("-")[0], licence=licence))


# ----------------------------------------------------------------------------------------------------------------------
# Hydrogen: h2cli render of the song once, cut to whole bars and tiled; beat k at k*60/bpm.

def build_hydrogen(bld, used):
    for name, path in HYDROGEN:
        if os.path.normpath(path) in used or not os.path.exists(path):
            continue
        root = ET.parse(path).getroot()
        bpm = float(root.findtext("bpm"))
        sizes = {int(p.findtext("size")) for p in root.iter("pattern") if p.findtext("size")}
        groups = root.find("patternSequence").findall("group")
        n_bars = len(groups)
        wav = os.path.join(bld.work, name + ".render.wav")
        if not os.path.exists(wav):
            subprocess.run(["h2cli", "-s", path, "-o", wav, "-r", "44100", "-b", "16"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=600)
        if not os.path.exists(wav) or sizes != {192}:
            print(f"{name}: render failed or pattern sizes {sizes}")
            continue
        bar = 4 * 60.0 / bpm
        song = n_bars * bar
        reps = max(1, math.ceil(70.0 / song))
        tiled = os.path.join(bld.work, name + ".tiled.wav")
        parts = []
        for r in range(reps):
            p = os.path.join(bld.work, f"{name}.part{r}.wav")
            run(["sox", "-V1", "-R", wav, p, "trim", "0", f"{round(song * 44100)}s", "pad", "0", "0"])
            parts.append(p)
        run(["sox", "-V1", "-R"] + parts + [tiled])
        beats = [k * 60.0 / bpm for k in range(int(reps * song * bpm / 60) + 1)]
        downs = beats[::4]
        x = read_audio(tiled)
        nz = np.nonzero(np.abs(x) > 1e-3)[0]
        start = choose_start(nz[0] / SR if len(nz) else 0, reps * song)
        if start is None:
            print(f"{name}: too short")
            continue
        swing = root.findtext("swing_factor") or "?"
        human = root.findtext("humanize_time") or "?"
        bld.add(name, tiled, start, beats, downs, dict(
            source_package=version("hydrogen-data"), path_in_package=path, meter="4/4",
            meter_source=f"h2song bpm {bpm:g}, 192-tick (4/4) patterns, no tempo markers; swing {swing}, humanize_time {human}",
            drums="yes (drums only)", kind="hydrogen-render",
            render=f"h2cli {version('hydrogen').split('=')[1]}; song of {n_bars} bars tiled x{reps}",
            category="hydrogen", style="drums only (Hydrogen demo song)", author=root.findtext("author") or "?",
            licence="GPL-2+ (debian/copyright, Files: *)"))


# ----------------------------------------------------------------------------------------------------------------------
# Real recordings: Frets on Fire song + guitar (+ rhythm) stems mixed; beats from the chart's notes.mid tempo map. The
# excerpt is the first 30 s stretch (after 25 % of the song) whose onset check passes in all three 10 s windows.

def build_real(bld, used):
    for name, pkg, folder, style, author in REAL:
        if os.path.normpath(folder) in used or not os.path.isdir(folder):
            continue
        stems = [os.path.join(folder, s) for s in ("song.ogg", "guitar.ogg", "rhythm.ogg") if os.path.exists(os.path.join(folder, s))]
        wav = os.path.join(bld.work, name + ".render.wav")
        if not os.path.exists(wav):
            run(["sox", "-V1", "-R", "-m"] + stems + [wav, "remix", "-", "rate", "44100"] if len(stems) > 1 else
                ["sox", "-V1", "-R"] + stems + [wav, "remix", "-", "rate", "44100"])
        ini = open(os.path.join(folder, "song.ini"), errors="ignore").read()
        delay = re.search(r"^delay\s*=\s*(-?\d+)", ini, re.M)
        delay_s = int(delay.group(1)) / 1000.0 if delay else 0.0
        mid = mido.MidiFile(os.path.join(folder, "notes.mid"))
        beats, downs, first, end, meters, source, tempos = midi_grid(mid)
        beats = [b + delay_s for b in beats]
        downs = [d + delay_s for d in downs]
        dur = float(subprocess.run(["soxi", "-D", wav], capture_output=True, text=True).stdout)
        x = read_audio(wav)
        start = max(5.0, 0.25 * dur)
        kept = False
        while start + EXCERPT < dur - 5 and not kept:
            seg = x[int(start * SR): int((start + EXCERPT) * SR)]
            b = [t - start for t in beats if start <= t < start + EXCERPT]
            c = onset_check(seg, b)
            if verdict(c, b, REAL_MAX_LAG) is None and c["onbeat_over_offbeat"] >= 1.0 and \
                    max(c["window_lags_ms"]) - min(c["window_lags_ms"]) <= 6:
                kept = True
                break
            start += 5.0
        if not kept:
            print(f"{name}: no stable 30 s stretch")
            bld.checks.append((name, c, "no 30 s stretch passes the onset check"))
            continue
        bpm = 60e6 / tempos[0][1]
        bld.add(name, wav, start, beats, downs, dict(
            source_package=version(pkg), path_in_package=folder, meter=excerpt_meter(meters, start),
            meter_source=f"chart notes.mid ({len(tempos)} tempo event(s), {bpm:.1f} BPM at start); song.ini delay {delay_s * 1000:.0f} ms",
            drums="yes (recorded drum kit)", kind="real recording",
            render=" + ".join(os.path.basename(s) for s in stems) + " mixed with sox (multitrack band recording)",
            category="real", style=f"REAL RECORDING: {style}; chart phase verified in 3 windows from {start:.0f} s",
            author=author, licence=REAL_LICENCE[pkg], max_lag=REAL_MAX_LAG))


def main():
    out = sys.argv[1]
    kinds = sys.argv[2:] or ["midi", "tracker", "lmms", "hydrogen", "real"]
    shared = os.environ.get("SHARED_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/data"))
    used = used_paths(shared)
    if not used:
        sys.exit(f"no manifests under {shared}: cannot check that the pieces are unused (set SHARED_DATA)")
    os.makedirs(out, exist_ok=True)
    bld = Builder(out)
    for kind in kinds:
        {"midi": build_midi, "tracker": build_tracker, "lmms": build_lmms, "hydrogen": build_hydrogen, "real": build_real}[kind](bld, used)
    bld.finish()
    print(f"kept {len(bld.rows)} of {len(bld.checks)} candidates")


if __name__ == "__main__":
    main()
