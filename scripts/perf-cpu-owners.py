#!/usr/bin/env python3
"""Where a serving process's CPU goes, from a `perf record -g` of it (docs/benchmarks.md, "perf17").

Each sample is charged to its innermost *owner*: ONNX Runtime or SQLite native code, the JIT, or the
first managed frame (innermost first) in a known namespace (Orchestrator.Guardian -> guardian, ...),
so BCL code counts for the component that called it. Also prints the innermost Orchestrator method
of each sample with the code tier the runtime reports for it (QuickJitted = tier 0, unoptimized).

  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet $B load ... &   # managed frames resolve
  perf record -F 299 -g -p <pid> -o cpu.data -- sleep 25
  python3 scripts/perf-cpu-owners.py cpu.data
"""
import collections
import re
import subprocess
import sys

OWNERS = [
    ('Orchestrator.Benchmarks', 'load client (same process)'),
    ('Orchestrator.Routing', 'routing'), ('Orchestrator.Retrieval', 'retrieval'),
    ('Orchestrator.Guardian', 'guardian'), ('Orchestrator.Tools', 'tools'),
    ('Orchestrator.Models', 'embedder (our managed side)'), ('Orchestrator.Pipeline', 'pipeline'),
    ('Orchestrator.Specialists', 'specialists'), ('Orchestrator.Caching', 'answer cache'),
    ('Orchestrator.AspNetCore', 'HTTP API (ours)'), ('Orchestrator.Hosting', 'HTTP API (ours)'),
    ('Orchestrator.TextUnits', 'text units'), ('Orchestrator.Diagnostics', 'telemetry'),
    ('Orchestrator.', 'orchestrator, other'),
    ('BERTTokenizers', 'tokenizer (SentenceTransformers)'), ('SentenceTransformers', 'tokenizer (SentenceTransformers)'),
    ('Microsoft.ML.OnnxRuntime', 'ONNX Runtime managed wrapper'),
    ('Microsoft.Data.Sqlite', 'SQLite managed'), ('SQLitePCL', 'SQLite managed'),
    ('Microsoft.AspNetCore', 'Kestrel / ASP.NET Core'), ('System.Net.Http', 'HttpClient (load client)'),
    ('Microsoft.Extensions.AI', 'embedder (our managed side)'),
]
TIER = re.compile(r'\[(QuickJitted|OptimizedTier1OSR|OptimizedTier1|Optimized|Instrumented[^\]]*|MinOptJitted)\]')


def samples(path):
    out = subprocess.run(['perf', 'script', '-i', path, '-F', 'ip,sym,dso'], capture_output=True, text=True, check=True).stdout
    for block in out.split('\n\n'):
        frames = [line.strip() for line in block.split('\n') if line.strip()]
        if frames:
            yield frames


def owner(frames):
    for frame in frames:
        if 'libonnxruntime' in frame:
            return 'ONNX Runtime native'
        if 'sqlite3' in frame:
            return 'SQLite native'
        if 'libclrjit' in frame:
            return 'JIT compiler'
        for prefix, name in OWNERS:
            if '] ' + prefix in frame:
                return name
    first = frames[0]
    if 'kernel' in first:
        return 'kernel'
    if 'libcoreclr' in first:
        return 'runtime (GC, thread pool, type system)'
    return 'other native / BCL without an owner'


def origin(frame):
    """Where the innermost frame's code came from: JIT-compiled at a tier (the perf map names it with
    DOTNET_PerfMapShowOptimizationTiers=1), the framework's precompiled ReadyToRun image (never re-optimized
    with tiering off), or native code (docs/benchmarks.md, "perf30")."""
    tier = TIER.search(frame)
    if tier:
        return f'JIT-compiled, {tier.group(1)}'
    if re.search(r'/shared/Microsoft\.(NETCore|AspNetCore)\.App/.*\.dll\)', frame):
        return 'framework ReadyToRun code'
    for part, name in (('libonnxruntime', 'ONNX Runtime'), ('libclrjit', 'JIT compiler'), ('libcoreclr', 'runtime'),
                       ('kernel', 'kernel'), ('sqlite', 'SQLite')):
        if part in frame:
            return name
    return 'other native'


def main(path):
    owners, methods, origins, n = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for frames in samples(path):
        n += 1
        owners[owner(frames)] += 1
        origins[origin(frames[0])] += 1
        for frame in frames:
            m = re.search(r'\] (Orchestrator\.(?!Benchmarks)[^\s(]+)', frame)
            if m:
                tier = TIER.search(frame)
                methods[(m.group(1), tier.group(1) if tier else '?')] += 1
                break
    print(f'{n} samples')
    for name, count in owners.most_common():
        print(f'{100 * count / n:6.1f} %  {name}')
    print('\nself samples by where the innermost code came from:')
    for name, count in origins.most_common():
        print(f'{100 * count / n:6.1f} %  {name}')
    print('\ninnermost Orchestrator method, with its code tier:')
    for (method, tier), count in methods.most_common(25):
        print(f'{100 * count / n:6.2f} %  {tier:18s} {method}')


if __name__ == '__main__':
    main(sys.argv[1])
