// anchors.js IN_DIR OUT_DIR TRACKER: runs a reference beat tracker on every IN_DIR/*.flac and writes OUT_DIR/NAME.beats
// (one beat time in seconds per line) and OUT_DIR/NAME.bpm. TRACKER: essentia (essentia.js 0.1.3 RhythmExtractor2013,
// method degara) or music-tempo (music-tempo 1.0.3, BeatRoot), both with their default parameters. Audio is decoded by
// ffmpeg to mono 32-bit float PCM at 44 100 Hz (the rate both libraries assume). Run through run-anchors.sh.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [inDir, outDir, tracker] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });

function decode(file) {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-ac', '1', '-ar', '44100', '-f', 'f32le', '-'], { maxBuffer: 1 << 30 });
  return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
}

let track;
if (tracker === 'essentia') {
  const { Essentia, EssentiaWASM } = require('essentia.js');
  const essentia = new Essentia(EssentiaWASM);
  track = (pcm) => {
    const vector = essentia.arrayToVector(pcm);
    const r = essentia.RhythmExtractor2013(vector, 208, 'degara', 40);
    const beats = Array.from(essentia.vectorToArray(r.ticks));
    vector.delete();
    return { beats, bpm: r.bpm };
  };
} else if (tracker === 'music-tempo') {
  const MusicTempo = require('music-tempo');
  track = (pcm) => {
    const mt = new MusicTempo(pcm);
    return { beats: mt.beats, bpm: Number(mt.tempo) };
  };
} else {
  throw new Error('TRACKER is essentia or music-tempo');
}

let cpu = 0, seconds = 0;
for (const f of fs.readdirSync(inDir).filter((n) => n.endsWith('.flac')).sort()) {
  const pcm = decode(path.join(inDir, f));
  const t0 = process.cpuUsage();
  const { beats, bpm } = track(pcm);
  const used = process.cpuUsage(t0);
  cpu += (used.user + used.system) / 1e6;
  seconds += pcm.length / 44100;
  const name = f.slice(0, -5);
  fs.writeFileSync(path.join(outDir, name + '.beats'), beats.map((b) => b.toFixed(6)).join('\n') + '\n');
  fs.writeFileSync(path.join(outDir, name + '.bpm'), bpm.toFixed(3) + '\n');
  console.log(`${name} ${bpm.toFixed(1)} BPM, ${beats.length} beats`);
}
console.log(`${tracker}: ${(cpu / (seconds / 60)).toFixed(3)} CPU-s per audio minute (tracking only, decode excluded)`);
