#!/usr/bin/env python3
"""SIGTERM a `videokit render` at random moments and report how each run ended.

Usage: tests/signal-sweep/sigterm.py VIDEOKIT RUNS FROM TO [SEED]
  VIDEOKIT  the built tool (artifacts/bin/VideoKit.Cli/release/videokit)
  RUNS      how many renders to start
  FROM TO   the signal is sent at a uniformly random time in [FROM, TO] seconds after the start

Each run renders a 60 s, 1280x720 project (made once in /tmp/vk-sigterm) over an existing output and prints the exit
status (-15: died by the signal itself; 130: cancelled), the time from the signal to the exit, leftover `.vk-` files,
whether the old output survived and standard error. Add load beside it, e.g. `for i in 1 2 3 4; do yes >/dev/null & done`.
"""
import collections, os, random, signal, subprocess, sys, time

exe, runs, lo, hi = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
random.seed(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
folder = "/tmp/vk-sigterm"
os.makedirs(folder, exist_ok=True)
song, still, project = (os.path.join(folder, n) for n in ("song.wav", "still.png", "video.json"))
if not os.path.exists(song):
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=60", song], check=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=640x360", "-frames:v", "1", still], check=True)
with open(project, "w") as f:
    f.write('{ "song": "song.wav", "output": { "width": 1280, "height": 720, "fps": 30 }, "items": [ { "image": "still.png", "duration": 60 } ] }')
out, errors = os.path.join(folder, "out.mp4"), os.path.join(folder, "stderr.txt")
outcomes, cleanup = collections.Counter(), []
for i in range(runs):
    with open(out, "w") as f:
        f.write("a good earlier render")
    with open(errors, "w") as err:
        p = subprocess.Popen([exe, "render", project, "-o", out, "--overwrite"], stdout=subprocess.DEVNULL, stderr=err)
        at = random.uniform(lo, hi)
        time.sleep(at)
        sent = time.monotonic()
        p.send_signal(signal.SIGTERM)
        try:
            status = p.wait(40)
        except subprocess.TimeoutExpired:
            status = "timeout"
            p.kill()
            p.wait()
        took = time.monotonic() - sent
    left = [n for n in os.listdir(folder) if n.startswith(".vk-")]
    for n in left:
        os.remove(os.path.join(folder, n))
    kept = open(out).read() == "a good earlier render"
    text = open(errors).read().strip().replace("\n", " | ")
    outcomes[status] += 1
    if status == 130:
        cleanup.append(took)
    print(f"{i} status={status} at={at:.3f}s signal->exit={took:.3f}s left={left} old-output-kept={kept} stderr={text[:120]}", flush=True)
cleanup.sort()
print("statuses", dict(outcomes))
if cleanup:
    print("cancelled runs, signal->exit: min %.3f median %.3f max %.3f s" % (cleanup[0], cleanup[len(cleanup) // 2], cleanup[-1]))
